package org.nn4j.data;

import java.util.List;

/**
 * How one CSV column becomes network inputs. A numeric column gives one input, standardised as
 * {@code (x − mean) / scale} with the mean and standard deviation of the training rows (scale 1 for a constant
 * column). A categorical column gives one input per category, 1 for the row's category and 0 for the others
 * (one-hot).
 *
 * @param categories the categories in input order; empty for a numeric column
 */
public record FeatureColumn(String name, double mean, double scale, List<String> categories) {

    public FeatureColumn {
        categories = List.copyOf(categories);
    }

    static FeatureColumn numeric(String name, double mean, double scale) {
        return new FeatureColumn(name, mean, scale, List.of());
    }

    static FeatureColumn categorical(String name, List<String> categories) {
        return new FeatureColumn(name, 0.0, 1.0, categories);
    }

    public boolean isCategorical() {
        return !categories.isEmpty();
    }

    /** The number of network inputs this column gives. */
    public int width() {
        return isCategorical() ? categories.size() : 1;
    }

    /** True when {@code cell} is a value this column takes: one of its categories, or a plain finite number. */
    public boolean accepts(String cell) {
        return isCategorical() ? categories.contains(cell) : NumberText.isNumber(cell);
    }
}
