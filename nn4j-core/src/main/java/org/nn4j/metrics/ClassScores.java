package org.nn4j.metrics;

/**
 * How well one class is recognised: precision = TP / (TP + FP), recall = TP / (TP + FN), and their harmonic mean
 * F1 = 2·P·R / (P + R); each 0 where its denominator is 0 (as scikit-learn's {@code zero_division=0}).
 *
 * @param support the number of samples whose true class this is
 */
public record ClassScores(String name, double precision, double recall, double f1, int support) {
}
