package org.nn4j.train;

/**
 * Stop training when a monitored metric has not improved for {@code patience} epochs, as Keras's
 * {@code EarlyStopping}. Losses and errors improve by going down; accuracy, F1 and R² by going up. An improvement
 * must exceed {@code minDelta}. With {@code restoreBest}, the network ends with the weights of its best epoch.
 *
 * @param monitor the metric to watch, e.g. {@code val_loss} or {@code val_accuracy}
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("Early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("The minimum improvement must be 0 or more, got " + minDelta);
        }
    }

    /** Watch {@code monitor} with the given patience, any improvement counts, and restore the best weights. */
    public static EarlyStopping on(String monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0.0, true);
    }

    /** True when larger values of the monitored metric are better. */
    public boolean higherIsBetter() {
        return higherIsBetter(monitor);
    }

    /** True for metrics where larger is better: accuracy, F1, R². */
    public static boolean higherIsBetter(String metric) {
        return metric.endsWith("accuracy") || metric.endsWith("f1") || metric.endsWith("r2");
    }

    /** True when {@code value} beats {@code best} by more than {@code minDelta}. */
    boolean improves(double value, double best) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(value);
        }
        return higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }
}
