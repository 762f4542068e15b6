package org.nn4j.recipe.search;

import java.util.Comparator;

/**
 * How well a trial did on the rows it is scored on. Trials rank by the loss (log-loss for classification, mean
 * squared error of the standardised target for regression), lower being better: it is what early stopping watches,
 * so a trial is ranked by the same measure that chose the weights it keeps, and on a small validation set it
 * separates trials that the accuracy counts as equal. A trial that diverged scores NaN and ranks last.
 *
 * @param loss the loss on the scored rows
 * @param accuracy the share of them classified right; NaN for regression
 */
public record Score(double loss, double accuracy) {

    /** What trials rank by. */
    public static final String METRIC = "val_loss";

    /** Best first: lower loss, NaN last. */
    public static final Comparator<Score> BEST_FIRST = Comparator.comparingDouble(
            s -> Double.isNaN(s.loss) ? Double.POSITIVE_INFINITY : s.loss);

    /** A regression's score, which has no accuracy. */
    public static Score loss(double loss) {
        return new Score(loss, Double.NaN);
    }
}
