package org.nn4j.recipe;

import java.util.List;

/**
 * One metric over the folds of a cross-validation: the mean {@code m = Σxᵢ / k} and the sample standard deviation
 * {@code s = √(Σ(xᵢ − m)² / (k − 1))} (the k − 1 of an estimate from a sample, as {@code numpy.std(ddof=1)} and
 * pandas' {@code std()}; scikit-learn's reports often use {@code ddof=0}, which gives a smaller number).
 */
public record MetricSummary(String metric, double mean, double standardDeviation) {

    /** The mean and sample standard deviation of {@code values}, two or more. */
    public static MetricSummary of(String metric, List<Double> values) {
        int k = values.size();
        if (k < 2) {
            throw new IllegalArgumentException("A standard deviation over folds needs 2 or more values, got " + k);
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / k;
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new MetricSummary(metric, mean, Math.sqrt(squares / (k - 1)));
    }
}
