package org.nn4j.recipe.search;

import java.util.Comparator;

/**
 * How well a trial did on the rows it is scored on: for classification the accuracy, ties broken by the lower
 * loss (small validation sets tie often); for regression the loss (mean squared error of the standardised target),
 * lower being better. A trial that diverged scores NaN and ranks last.
 *
 * @param metric what {@link #value} is: {@code val_accuracy} or {@code val_loss}
 * @param value the metric's value
 * @param loss the loss on the same rows
 */
public record Score(String metric, double value, double loss) {

    /** Best first: higher accuracy (then lower loss), or lower loss; NaN last. */
    public static final Comparator<Score> BEST_FIRST = Comparator.comparingDouble(Score::rankingKey)
            .thenComparingDouble(s -> Double.isNaN(s.loss) ? Double.POSITIVE_INFINITY : s.loss);

    /** A classification's score. */
    public static Score accuracy(double accuracy, double loss) {
        return new Score("val_accuracy", accuracy, loss);
    }

    /** A regression's score. */
    public static Score loss(double loss) {
        return new Score("val_loss", loss, loss);
    }

    /** True when higher values are better. */
    public boolean higherIsBetter() {
        return metric.endsWith("accuracy");
    }

    /** Smaller is better, NaN worst. */
    private double rankingKey() {
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        return higherIsBetter() ? -value : value;
    }
}
