package org.nn4j.train;

import java.util.Map;

/**
 * The metrics of one epoch, e.g. {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}, in the
 * order they were measured, as an immutable map.
 *
 * @param epoch the epoch, from 1
 * @param learningRate the learning rate the epoch trained with
 */
public record EpochRecord(int epoch, double learningRate, Map<String, Double> metrics) {

    public EpochRecord {
        metrics = EpochMetrics.copyOf(metrics);
    }

    /** A metric's value, or NaN when it was not measured. */
    public double get(String metric) {
        return ((EpochMetrics) metrics).valueOf(metric);
    }
}
