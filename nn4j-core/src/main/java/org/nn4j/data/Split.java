package org.nn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.random.RandomSource;

/**
 * Row indices of a table divided into training, validation and test sets. A stratified split ({@link #of}) keeps each class's
 * share the same in every part (as scikit-learn's {@code stratify=y}); the same seed gives the same split.
 */
public record Split(int[] train, int[] validation, int[] test) {

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
        if (!(testFraction >= 0 && validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("The test and validation fractions must be 0 or more and leave rows"
                    + " for training, got test " + testFraction + " and validation " + validationFraction);
        }
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

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
