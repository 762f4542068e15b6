package org.nn4j.spark;

import java.io.Serializable;

/**
 * Count, mean, sum of squared deviations (M2), least and greatest of some numbers, added one at a time (Welford)
 * and merged across partitions (Chan et al.), so that a standard deviation comes from one pass over rows spread
 * over many machines.
 */
final class Moments implements Serializable {

    private static final long serialVersionUID = 1L;

    long count;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / total;
        m2 += other.m2 + delta * delta * count * other.count / total;
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /**
     * The mean and M2 once {@code gaps} more values equal to {@code fill} join these ({@code [mean, m2]}): the
     * statistics of a column after its gaps are filled.
     */
    double[] filled(long gaps, double fill) {
        long total = count + gaps;
        double delta = fill - mean;
        return new double[] {mean + delta * gaps / total, m2 + delta * delta * count * gaps / total};
    }
}
