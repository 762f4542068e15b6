package org.nn4j.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user should know about the feature columns before training: where gaps were filled (and with what), and
 * warnings for columns that likely hurt the model. A column is kept either way; the warnings say how to leave it
 * out ({@code --drop}), because only the user knows whether a column is noise.
 * <ul>
 *   <li>an identifier: a categorical column whose values are all distinct (one-hot encoding gives one input per
 *       row, which the network can only memorise), or a numeric column that counts the rows (1, 2, 3, … in file
 *       order), which describes where a row is, not what it is;</li>
 *   <li>a constant: one value in every training row (gaps aside), which carries no information.</li>
 * </ul>
 * Identifiers are only looked for in tables of {@value #ID_MIN_ROWS} rows or more, where all-distinct values are no
 * accident.
 */
public final class ColumnNotes {

    /** Fewer rows than this are too few to call a column of distinct values an identifier. */
    public static final int ID_MIN_ROWS = 20;

    private ColumnNotes() {
    }

    /** The notes and warnings (each one line, warnings starting with {@code Warning:}), in column order. */
    public static List<String> of(Table table, Preprocessing prep, int[] trainingRows) {
        List<String> notes = new ArrayList<>();
        if (!prep.ignored().isEmpty()) {
            notes.add("Left out: " + String.join(", ", prep.ignored()) + ".");
        }
        List<String> constant = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            int column = table.indexOf(f.name());
            int gaps = 0;
            Set<String> trainingValues = new HashSet<>();
            for (int r : trainingRows) {
                String cell = table.cell(r, column);
                if (MissingValues.isMissing(cell)) {
                    gaps++;
                } else {
                    trainingValues.add(cell);
                }
            }
            if (gaps > 0) {
                notes.add(f.isCategorical()
                        ? String.format(Locale.ROOT, "Column '%s': %d missing in the training rows, one-hot as the"
                                + " category (missing).", f.name(), gaps)
                        : String.format(Locale.ROOT, "Column '%s': %d missing in the training rows, filled with %s%s.",
                                f.name(), gaps, NumberText.compact(f.fill()), f.indicator() ? ", plus a missing-indicator input"
                                        : ""));
            }
            if (trainingValues.size() == 1 && !f.indicator()) {
                constant.add(f.name());
            } else if (table.rowCount() >= ID_MIN_ROWS && looksLikeIdentifier(table, column, f.isCategorical())) {
                notes.add("Warning: column '" + f.name() + "' looks like a row identifier ("
                        + (f.isCategorical() ? "every value is different" : "it counts the rows")
                        + "), which a model can only memorise; leave it out with --drop " + f.name());
            }
        }
        if (!constant.isEmpty()) {
            // One line for them all: an image's border pixels can be dozens.
            boolean one = constant.size() == 1;
            notes.add("Warning: " + (one ? "column '" + constant.get(0) + "' is" : constant.size() + " columns are")
                    + " constant in the training rows, so " + (one ? "it tells" : "they tell") + " the rows apart not"
                    + " at all; leave " + (one ? "it" : "them") + " out with --drop " + String.join(",", constant));
        }
        return notes;
    }

    private static boolean looksLikeIdentifier(Table table, int column, boolean categorical) {
        if (categorical) {
            Set<String> seen = new HashSet<>();
            for (int r = 0; r < table.rowCount(); r++) {
                if (!seen.add(table.cell(r, column))) {
                    return false;
                }
            }
            return true;
        }
        for (int r = 0; r < table.rowCount(); r++) {
            String cell = table.cell(r, column);
            if (!NumberText.isNumber(cell) || r > 0 && Double.parseDouble(cell)
                    != Double.parseDouble(table.cell(r - 1, column)) + 1) {
                return false;
            }
        }
        return true;
    }
}
