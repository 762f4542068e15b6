package org.nn4j.metrics;

import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} is the number of samples of class t that
 * were predicted as p. The diagonal holds the correct predictions.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final int[][] counts;

    public ConfusionMatrix(List<String> classes, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("Need one prediction per sample, got " + actual.length + " samples and "
                    + predicted.length + " predictions");
        }
        this.classes = List.copyOf(classes);
        this.counts = new int[classes.size()][classes.size()];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
    }

    private ConfusionMatrix(List<String> classes, int[][] counts) {
        this.classes = List.copyOf(classes);
        this.counts = counts;
    }

    /** The matrix of counts counted elsewhere: {@code counts[t][p]} samples of class t predicted as p. */
    public static ConfusionMatrix ofCounts(List<String> classes, long[][] counts) {
        if (counts.length != classes.size()) {
            throw new IllegalArgumentException("Need one row of counts per class, got " + counts.length + " rows for "
                    + classes.size() + " classes");
        }
        int[][] copy = new int[counts.length][classes.size()];
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < copy[t].length; p++) {
                copy[t][p] = Math.toIntExact(counts[t][p]);
            }
        }
        return new ConfusionMatrix(classes, copy);
    }

    public List<String> classes() {
        return classes;
    }

    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The counts as rows of true classes, columns of predicted ones. */
    public int[][] toArray() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Samples whose true class is {@code c}. */
    public int support(int c) {
        int sum = 0;
        for (int p = 0; p < counts.length; p++) {
            sum += counts[c][p];
        }
        return sum;
    }

    /** Samples predicted as {@code c}. */
    public int predictedCount(int c) {
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** A table with true classes down the side and predicted classes across. */
    public String format() {
        int width = 9;
        for (String c : classes) {
            width = Math.max(width, c.length() + 1);
        }
        for (int[] row : counts) {
            for (int n : row) {
                width = Math.max(width, Integer.toString(n).length() + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + width + "s", "true\\pred"));
        for (String c : classes) {
            sb.append(String.format("%" + width + "s", c));
        }
        sb.append(System.lineSeparator());
        for (int t = 0; t < counts.length; t++) {
            sb.append(String.format("%-" + width + "s", classes.get(t)));
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format("%" + width + "d", counts[t][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
