package org.nn4j.cli;

import java.util.Map;
import java.util.Optional;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.io.SavedModel;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Recipe;

/**
 * Which rows of a table a model was trained on. {@code nn4j train} records its data's digest and how it split the
 * rows (seed, fractions, row count); {@code nn4j evaluate} recognises the same data by the digest and derives the
 * split again, so that it scores only the rows the model never saw instead of a score inflated by its own training
 * rows.
 */
final class TrainingRows {

    static final String DIGEST = "data_sha256";
    static final String ROWS = "data_rows";
    static final String SEED = "split_seed";
    static final String TEST = "split_test";
    static final String VALIDATION = "split_validation";

    private TrainingRows() {
    }

    /**
     * Records the data and its split in a model's training record.
     *
     * @param separateTest whether the test rows came from another file (all of {@code table} then served training)
     */
    static void record(Map<String, String> training, Table table, Recipe recipe, boolean separateTest) {
        training.put(DIGEST, table.digest());
        training.put(ROWS, Integer.toString(table.rowCount()));
        training.put(SEED, Long.toString(recipe.seed()));
        training.put(TEST, separateTest ? "0" : Double.toString(recipe.testFraction()));
        training.put(VALIDATION, Double.toString(recipe.validationFraction()));
    }

    /**
     * The rows of {@code table} the model held out for its test when {@code table} is its training data, or empty
     * when it is other data (or the model does not record its data). An empty array means every row served
     * training.
     */
    static Optional<int[]> heldOut(SavedModel saved, Preprocessing prep, Table table) {
        Map<String, String> t = saved.training();
        if (!t.containsKey(DIGEST) || !String.valueOf(table.rowCount()).equals(t.get(ROWS))
                || !t.get(DIGEST).equals(table.digest())) {
            return Optional.empty();
        }
        if (table.rowCount() < Estimator.TINY_TABLE) {
            return Optional.of(new int[0]);
        }
        Split split = Split.of(table, table.requireColumn(prep.label().name(), "label"), share(t, TEST),
                share(t, VALIDATION), prep.task().isClassification(), seed(t));
        return Optional.of(split.test());
    }

    /** A share of rows from the model's training record, which the model file, not nn4j, wrote. */
    private static double share(Map<String, String> training, String key) {
        String text = training.get(key);
        double share;
        try {
            share = Double.parseDouble(String.valueOf(text));
        } catch (NumberFormatException e) {
            share = Double.NaN;
        }
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("The model's training record gives " + key + " as '"
                    + TerminalText.oneLine(String.valueOf(text)) + "'; expected a share of rows from 0 to below 1");
        }
        return share;
    }

    private static long seed(Map<String, String> training) {
        try {
            return Long.parseLong(String.valueOf(training.get(SEED)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The model's training record gives " + SEED + " as '"
                    + TerminalText.oneLine(String.valueOf(training.get(SEED))) + "'; expected a whole number");
        }
    }
}
