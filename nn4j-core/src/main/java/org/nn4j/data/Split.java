package org.nn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.random.RandomSource;

/**
 * Row indices of a table divided into training, validation and test sets. {@link #stratified} keeps each class's
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
        if (!(testFraction >= 0 && validationFraction >= 0 && testFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("The test and validation fractions must be 0 or more and leave rows"
                    + " for training, got test " + testFraction + " and validation " + validationFraction);
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            String key = stratify ? table.cell(r, labelColumn) : "";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        RandomSource random = RandomSource.seeded(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : groups.values()) {
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            int nTest = (int) Math.round(rows.size() * testFraction);
            int nValidation = (int) Math.round(rows.size() * validationFraction);
            if (nTest + nValidation >= rows.size()) {
                // A class too small to split keeps its rows for training.
                nTest = 0;
                nValidation = 0;
            }
            test.addAll(rows.subList(0, nTest));
            validation.addAll(rows.subList(nTest, nTest + nValidation));
            train.addAll(rows.subList(nTest + nValidation, rows.size()));
        }
        return new Split(sorted(train), sorted(validation), sorted(test));
    }

    private static int[] sorted(List<Integer> rows) {
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
