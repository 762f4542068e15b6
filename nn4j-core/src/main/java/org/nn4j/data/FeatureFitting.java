package org.nn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How {@link Preprocessing#fit} chooses the feature columns ({@link InputSettings}) and fits each one: numeric or
 * categorical, its standardisation, and what fills its gaps.
 */
final class FeatureFitting {

    private FeatureFitting() {
    }

    /**
     * The positions of the feature columns: those {@code settings} name, or every column but the label and the
     * dropped ones. A name the table lacks is an error with a close match.
     */
    static List<Integer> chooseColumns(Table table, int labelIndex, InputSettings settings) {
        String label = table.columns().get(labelIndex);
        for (String name : settings.features()) {
            table.requireColumn(name, "feature");
            if (name.equals(label)) {
                throw new IllegalArgumentException("--features names the label column '" + label + "', which the"
                        + " model predicts and cannot take as an input");
            }
        }
        for (String name : settings.drop()) {
            table.requireColumn(name, "dropped");
            if (name.equals(label)) {
                throw new IllegalArgumentException("--drop names the label column '" + label + "'; it is never an"
                        + " input anyway, and it cannot be left out of the table it is learned from");
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            String name = table.columns().get(c);
            boolean wanted = settings.features().isEmpty() ? !settings.drop().contains(name)
                    : settings.features().contains(name);
            if (c != labelIndex && wanted) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(table.source() + ": --drop leaves no feature column; the model needs"
                    + " at least one input besides the label '" + label + "'");
        }
        return chosen;
    }

    /**
     * The column at {@code column}: categorical when fewer than half its present cells are numbers, else numeric,
     * standardised and imputed from the training rows.
     */
    static FeatureColumn fit(Table table, int column, int[] trainingRows, InputSettings settings) {
        String name = table.columns().get(column);
        int numbers = 0;
        int present = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            String cell = table.cell(r, column);
            if (!MissingValues.isMissing(cell)) {
                present++;
                if (NumberText.isNumber(cell) || NumberText.isNonFinite(cell)) {
                    numbers++;
                }
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException(table.source() + ": the column '" + name + "' holds no values, only"
                    + " gaps; leave it out with --drop " + name);
        }
        if (2 * numbers < present) {
            TreeSet<String> categories = new TreeSet<>();
            for (int r = 0; r < table.rowCount(); r++) {
                categories.add(FeatureColumn.categoryOf(table.cell(r, column)));
            }
            return FeatureColumn.categorical(name, new ArrayList<>(categories));
        }
        for (int r = 0; r < table.rowCount(); r++) {
            if (!MissingValues.isMissing(table.cell(r, column))) {
                Cells.parse(table, r, column);
            }
        }
        double[] values = new double[trainingRows.length];
        int gaps = 0;
        List<Double> known = new ArrayList<>();
        for (int i = 0; i < trainingRows.length; i++) {
            if (MissingValues.isMissing(table.cell(trainingRows[i], column))) {
                values[i] = Double.NaN;
                gaps++;
            } else {
                values[i] = Cells.parse(table, trainingRows[i], column);
                known.add(values[i]);
            }
        }
        if (known.isEmpty()) {
            throw new IllegalArgumentException(table.source() + ": the column '" + name + "' has no values in the "
                    + trainingRows.length + " training rows, so nothing to fill its gaps with; leave it out with"
                    + " --drop " + name);
        }
        double fill = settings.impute().of(known.stream().mapToDouble(Double::doubleValue).toArray());
        // Standardised as the filled column, as an imputer followed by a scaler does.
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.isNaN(values[i]) ? fill : values[i];
        }
        double mean = mean(values);
        return FeatureColumn.numeric(name, mean, scale(values, mean), fill, settings.missingIndicator() && gaps > 0);
    }

    static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The population standard deviation (as scikit-learn's StandardScaler), or 1 for a constant column. */
    static double scale(double[] values, double mean) {
        double sum = 0.0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sum / values.length);
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }
}
