package org.nn4j.data;

import java.util.List;
import java.util.Objects;

/**
 * Which columns of a table become the network's inputs and how their gaps are filled: the part of the recipe that
 * {@link Preprocessing#fit} reads.
 *
 * @param features the only feature columns to use, by name; empty for every column but the label
 * @param drop columns to leave out, by name (identifiers, leaks); empty for none. Not with {@code features}.
 * @param impute what fills a gap in a numeric column
 * @param missingIndicator true to give each numeric column that has gaps in the training rows one more input,
 *     1 where the value was missing and 0 elsewhere (scikit-learn's {@code add_indicator=True})
 */
public record InputSettings(List<String> features, List<String> drop, Imputation impute, boolean missingIndicator) {

    /** Checks that the settings agree with each other. */
    public InputSettings {
        features = List.copyOf(features);
        drop = List.copyOf(drop);
        Objects.requireNonNull(impute, "impute");
        if (!features.isEmpty() && !drop.isEmpty()) {
            throw new IllegalArgumentException("Give the columns to use (--features) or the columns to leave out"
                    + " (--drop), not both");
        }
        requireNames("--features", features);
        requireNames("--drop", drop);
    }

    /** Every column but the label, gaps filled with the training rows' median, no indicator inputs. */
    public static InputSettings defaults() {
        return new InputSettings(List.of(), List.of(), Imputation.MEDIAN, false);
    }

    private static void requireNames(String option, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                throw new IllegalArgumentException(option + " takes column names separated by commas, got an empty"
                        + " name in " + String.join(",", names));
            }
            if (names.indexOf(names.get(i)) != i) {
                throw new IllegalArgumentException(option + " names the column '" + names.get(i) + "' twice");
            }
        }
    }

    /**
     * The positions of {@code table}'s feature columns under these settings: those {@link #features} names, or
     * every column but the label and the dropped ones. Only the header is read, so a table of no rows (a cluster's
     * header) serves as well as a whole one.
     */
    public List<Integer> chooseColumns(Table table, int labelIndex) {
        return FeatureFitting.chooseColumns(table, labelIndex, this);
    }
}
