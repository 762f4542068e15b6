package org.nn4j.metrics;

import java.util.Arrays;
import java.util.Comparator;

/** What the ranking metrics share: samples by falling score, groups of tied scores, one-vs-rest averaging. */
final class RankedScores {

    /** A metric of scores against which samples are positive. */
    interface BinaryMetric {
        double of(double[] scores, boolean[] positive);
    }

    private RankedScores() {
    }

    /** The sample indices from the highest score to the lowest. */
    static int[] descending(double[] scores) {
        Integer[] boxed = new Integer[scores.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** The first position after {@code start} in {@code order} whose score differs from the one at start. */
    static int endOfTie(double[] scores, int[] order, int start) {
        int end = start + 1;
        while (end < order.length && scores[order[end]] == scores[order[start]]) {
            end++;
        }
        return end;
    }

    /** The unweighted mean of {@code metric} for each class that occurs in {@code actual}, against the rest. */
    static double macro(double[][] scores, int[] actual, int classes, BinaryMetric metric) {
        int n = actual.length;
        double sum = 0.0;
        int counted = 0;
        double[] column = new double[n];
        boolean[] positive = new boolean[n];
        for (int c = 0; c < classes; c++) {
            boolean occurs = false;
            for (int r = 0; r < n; r++) {
                column[r] = scores[r][c];
                positive[r] = actual[r] == c;
                occurs |= positive[r];
            }
            if (occurs) {
                sum += metric.of(column, positive);
                counted++;
            }
        }
        return counted < 2 ? Double.NaN : sum / counted;
    }
}
