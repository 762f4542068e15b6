package org.nn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.random.RandomSource;

/**
 * Rows divided into k folds for cross-validation, as scikit-learn's {@code StratifiedKFold} and {@code KFold} (with
 * {@code shuffle=True}) divide them: every row lands in exactly one fold, and the same rows, k and seed give the
 * same folds.
 *
 * <p>Stratified: the rows are laid out class by class (classes in order of first appearance) and dealt to the
 * folds in turn, so fold i receives, of each class, the rows at positions i, i + k, i + 2k, … of that layout. Each
 * class is thus spread evenly (its counts in any two folds differ by at most one) and the folds' sizes differ by at
 * most one too. Which rows of a class go to which of its folds is a seeded shuffle. Plain: the rows are shuffled
 * and cut into k consecutive runs, the first {@code n mod k} of them one row longer.
 */
public final class Folds {

    private Folds() {
    }

    /**
     * The folds of {@code rows} of {@code table}, each fold's rows in ascending order: stratified by the cells of
     * {@code labelColumn} when {@code stratify}, else plain.
     *
     * @throws IllegalArgumentException when k is below 2 or there are fewer rows than folds
     */
    public static int[][] of(Table table, int labelColumn, int[] rows, int k, boolean stratify, long seed) {
        int[] foldOf;
        if (stratify) {
            Map<String, Integer> numbers = new HashMap<>();
            int[] classes = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                classes[i] = numbers.computeIfAbsent(table.cell(rows[i], labelColumn), c -> numbers.size());
            }
            foldOf = stratified(classes, k, seed);
        } else {
            foldOf = plain(rows.length, k, seed);
        }
        int[] sizes = new int[k];
        for (int f : foldOf) {
            sizes[f]++;
        }
        int[][] folds = new int[k][];
        for (int f = 0; f < k; f++) {
            folds[f] = new int[sizes[f]];
        }
        int[] filled = new int[k];
        for (int i = 0; i < rows.length; i++) {
            folds[foldOf[i]][filled[foldOf[i]]++] = rows[i];
        }
        for (int[] fold : folds) {
            Arrays.sort(fold);
        }
        return folds;
    }

    /**
     * The fold (0 to k − 1) of each position, stratified by {@code classes} (0, 1, …, numbered in order of first
     * appearance): see the class comment.
     */
    public static int[] stratified(int[] classes, int k, long seed) {
        requireFolds(classes.length, k);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0) {
                throw new IllegalArgumentException("Classes are numbered 0, 1, …; position " + i + " has class "
                        + classes[i]);
            }
            while (byClass.size() <= classes[i]) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(classes[i]).add(i);
        }
        RandomSource random = RandomSource.seeded(seed);
        int[] foldOf = new int[classes.length];
        int start = 0;
        for (List<Integer> members : byClass) {
            // The class holds places start … start + n − 1 of the class-by-class layout; place p goes to fold p mod k.
            int[] folds = new int[members.size()];
            for (int j = 0; j < folds.length; j++) {
                folds[j] = (start + j) % k;
            }
            random.shuffle(folds);
            for (int j = 0; j < folds.length; j++) {
                foldOf[members.get(j)] = folds[j];
            }
            start += folds.length;
        }
        return foldOf;
    }

    /** The fold (0 to k − 1) of each of {@code n} positions, unstratified: see the class comment. */
    public static int[] plain(int n, int k, long seed) {
        requireFolds(n, k);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RandomSource.seeded(seed).shuffle(order);
        int[] foldOf = new int[n];
        int next = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int j = 0; j < size; j++) {
                foldOf[order[next++]] = f;
            }
        }
        return foldOf;
    }

    private static void requireFolds(int rows, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("Cross-validation needs 2 or more folds, got " + k);
        }
        if (rows < k) {
            throw new IllegalArgumentException("Cross-validation in " + k + " folds needs at least " + k
                    + " rows, one per fold, got " + rows);
        }
    }
}
