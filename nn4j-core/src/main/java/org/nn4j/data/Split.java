package org.nn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.random.RandomSource;
import org.nn4j.random.SplitMix64;

/**
 * Row indices of a table divided into training, validation and test sets. A stratified split ({@link #of}) keeps each class's
 * share the same in every part (as scikit-learn's {@code stratify=y}); the same seed gives the same split. A hashed
 * split ({@link #hashed}) decides each row on its own, from its index and the seed alone, so that machines that each
 * hold some rows of a table (a cluster's executors) split it the same way without seeing the others.
 */
public record Split(int[] train, int[] validation, int[] test) {

    /** {@link #hashedPart}'s answer for a training row. */
    public static final int TRAIN = 0;
    /** {@link #hashedPart}'s answer for a validation row. */
    public static final int VALIDATION = 1;
    /** {@link #hashedPart}'s answer for a test row. */
    public static final int TEST = 2;

    /**
     * Splits rows by their label (the cells of {@code labelColumn}): within each class, the rows are shuffled and
     * {@code round(count · testFraction)} go to test, {@code round(count · validationFraction)} to validation and
     * the rest to training. With {@code stratify} false (regression), the same is done over all rows at once.
     */
    public static Split of(Table table, int labelColumn, double testFraction, double validationFraction,
            boolean stratify, long seed) {
        return of(table, labelColumn, table.allRows(), testFraction, validationFraction, stratify, seed);
    }

    /** As {@link #of(Table, int, double, double, boolean, long)}, over the rows {@code among} of the table only. */
    public static Split of(Table table, int labelColumn, int[] among, double testFraction, double validationFraction,
            boolean stratify, long seed) {
        requireFractions(testFraction, validationFraction);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r : among) {
            String key = stratify ? table.cell(r, labelColumn) : "";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        RandomSource random = RandomSource.seeded(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            int[] rows = group.stream().mapToInt(Integer::intValue).toArray();
            random.shuffle(rows);
            int nTest = (int) Math.round(rows.length * testFraction);
            int nValidation = (int) Math.round(rows.length * validationFraction);
            if (nTest + nValidation >= rows.length) {
                // A class too small to split keeps its rows for training.
                nTest = 0;
                nValidation = 0;
            }
            for (int i = 0; i < rows.length; i++) {
                (i < nTest ? test : i < nTest + nValidation ? validation : train).add(rows[i]);
            }
        }
        return new Split(sorted(train), sorted(validation), sorted(test));
    }

    /**
     * The hashed split of rows 0 to {@code rows − 1}: row i goes to the part {@link #hashedPart} names. The parts'
     * sizes are the shares only on average, and classes are not stratified.
     */
    public static Split hashed(int rows, double testFraction, double validationFraction, long seed) {
        requireFractions(testFraction, validationFraction);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int part = hashedPart(r, testFraction, validationFraction, seed);
            (part == TEST ? test : part == VALIDATION ? validation : train).add(r);
        }
        return new Split(sorted(train), sorted(validation), sorted(test));
    }

    /**
     * Where row {@code index} (counted from 0) goes in a hashed split: u, the (index + 1)-th number in [0, 1) that
     * {@link SplitMix64} seeded with {@code seed} draws, is computed directly; u &lt; test goes to the test rows,
     * u &lt; test + validation to validation, the rest to training.
     */
    public static int hashedPart(long index, double testFraction, double validationFraction, long seed) {
        // SplitMix64's k-th draw depends only on seed + k·γ, so any row's draw costs one step, in any order.
        double u = SplitMix64.fromState(seed + index * 0x9E3779B97F4A7C15L).nextDouble();
        return u < testFraction ? TEST : u < testFraction + validationFraction ? VALIDATION : TRAIN;
    }

    private static void requireFractions(double testFraction, double validationFraction) {
        if (!(testFraction >= 0 && validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("The test and validation fractions must be 0 or more and leave rows"
                    + " for training, got test " + testFraction + " and validation " + validationFraction);
        }
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
