package org.nn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stratified sample of labelled rows: at most {@code max} of them, each class in proportion to its share of the
 * rows, but every class with at least {@value #MIN_PER_CLASS} rows (or all it has) when there is room for that.
 * Rows within a class are drawn by a seeded shuffle, so the same rows, seed and size give the same sample on every
 * machine. Unlike the first {@code max} rows, it shows every class of a file sorted by class.
 */
public final class StratifiedSample {

    /** Rows kept of every class, however rare, when {@code max} leaves room for them. */
    public static final int MIN_PER_CLASS = 10;

    private StratifiedSample() {
    }

    /**
     * The positions (into {@code classes}) of the sample, in ascending order; all positions when there are at most
     * {@code max}.
     *
     * @param classes the class of each row, 0, 1, …
     * @param max the largest sample, at least 1
     * @param seed the shuffle's seed
     */
    public static int[] of(int[] classes, int max, long seed) {
        if (max < 1) {
            throw new IllegalArgumentException("a sample needs room for at least 1 row, got " + max);
        }
        int n = classes.length;
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = classes[i];
            if (k < 0) {
                throw new IllegalArgumentException("classes are 0, 1, …; row " + i + " has class " + k);
            }
            while (byClass.size() <= k) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(k).add(i);
        }
        int[] quota = quotas(byClass, max);
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[max];
        int size = 0;
        for (int k = 0; k < byClass.size(); k++) {
            List<Integer> rows = byClass.get(k);
            // The first quota[k] places of a Fisher-Yates shuffle: a uniform draw without replacement.
            int[] order = rows.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < quota[k]; i++) {
                int j = i + random.nextInt(order.length - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                chosen[size++] = order[i];
            }
        }
        int[] sample = Arrays.copyOf(chosen, size);
        Arrays.sort(sample);
        return sample;
    }

    /**
     * Rows per class, summing to {@code max}: in proportion to the class sizes, except that a class whose share
     * falls below its minimum gets the minimum and the others share what is left; the rows that rounding down
     * leaves over go to the largest remainders.
     */
    private static int[] quotas(List<List<Integer>> byClass, int max) {
        int classes = byClass.size();
        int least = Math.min(MIN_PER_CLASS, max / classes);
        int[] quota = new int[classes];
        boolean[] lifted = new boolean[classes];
        double[] exact = new double[classes];
        boolean changed = true;
        while (changed) {
            changed = false;
            int share = max;
            int rows = 0;
            for (int k = 0; k < classes; k++) {
                share -= lifted[k] ? quota[k] : 0;
                rows += lifted[k] ? 0 : byClass.get(k).size();
            }
            for (int k = 0; k < classes && !changed; k++) {
                int size = byClass.get(k).size();
                exact[k] = lifted[k] ? quota[k] : (double) share * size / rows;
                if (!lifted[k] && exact[k] < Math.min(least, size)) {
                    lifted[k] = true;
                    quota[k] = Math.min(least, size);
                    changed = true;
                }
            }
        }
        int given = 0;
        for (int k = 0; k < classes; k++) {
            quota[k] = (int) Math.floor(exact[k]);
            given += quota[k];
        }
        while (given < max) {
            int best = -1;
            for (int k = 0; k < classes; k++) {
                boolean room = quota[k] < byClass.get(k).size();
                if (room && (best < 0 || exact[k] - quota[k] > exact[best] - quota[best])) {
                    best = k;
                }
            }
            quota[best]++;
            given++;
        }
        return quota;
    }
}
