package org.nn4j.data;

import java.util.List;

/**
 * How one CSV column becomes network inputs. A numeric column gives one input, standardised as
 * {@code (x − mean) / scale} with the mean and standard deviation of the training rows (scale 1 for a constant
 * column); a missing value ({@link MissingValues}) is first replaced by {@code fill}, and with {@code indicator}
 * the column gives one more input, 1 where the value was missing and 0 elsewhere (placed after every column's
 * inputs, as scikit-learn's {@code SimpleImputer(add_indicator=True)} places it). A categorical column gives one
 * input per category, 1 for the row's category and 0 for the others (one-hot); a gap is a category of its own,
 * {@link #MISSING_CATEGORY}.
 *
 * @param categories the categories in input order; empty for a numeric column
 * @param fill the value that replaces a missing number (a numeric column only)
 * @param indicator true when the column has a missing-indicator input (a numeric column only)
 */
public record FeatureColumn(String name, double mean, double scale, List<String> categories, double fill,
        boolean indicator) {

    /** How the category of the missing values is written in the model: as the empty cell. */
    public static final String MISSING_CATEGORY = "";

    public FeatureColumn {
        categories = List.copyOf(categories);
    }

    /** A column without imputation statistics (as models saved before them): a gap is filled with the mean. */
    public FeatureColumn(String name, double mean, double scale, List<String> categories) {
        this(name, mean, scale, categories, mean, false);
    }

    static FeatureColumn numeric(String name, double mean, double scale, double fill, boolean indicator) {
        return new FeatureColumn(name, mean, scale, List.of(), fill, indicator);
    }

    static FeatureColumn categorical(String name, List<String> categories) {
        return new FeatureColumn(name, 0.0, 1.0, categories);
    }

    public boolean isCategorical() {
        return !categories.isEmpty();
    }

    /** The number of one-hot or standardised inputs this column gives (its missing indicator not counted). */
    public int width() {
        return isCategorical() ? categories.size() : 1;
    }

    /** The category of a cell, with every spelling of a missing value read as {@link #MISSING_CATEGORY}. */
    public static String categoryOf(String cell) {
        return MissingValues.isMissing(cell) ? MISSING_CATEGORY : cell;
    }

    /** A category as people read it: the missing category shows as {@code (missing)}. */
    public static String display(String category) {
        return category.equals(MISSING_CATEGORY) ? "(missing)" : category;
    }

    /**
     * True when {@code cell} is a value this column takes: one of its categories (a gap when the missing category
     * is one), or a plain finite number or a gap.
     */
    public boolean accepts(String cell) {
        return isCategorical() ? categories.contains(categoryOf(cell))
                : NumberText.isNumber(cell) || MissingValues.isMissing(cell);
    }
}
