package org.nn4j.predict;

import java.util.Locale;

/**
 * A model's answer for one sample.
 *
 * @param className the predicted class, for a classifier trained on a table; null otherwise
 * @param probability the network's probability for that class; NaN when there is no class
 * @param value for regression, the prediction in the label's own units; otherwise the first output
 * @param outputs the network's outputs (class probabilities for a classifier; for regression, in the label's units)
 */
public record Prediction(String className, double probability, double value, double[] outputs) {

    public Prediction {
        outputs = outputs.clone();
    }

    @Override
    public double[] outputs() {
        return outputs.clone();
    }

    public boolean hasClass() {
        return className != null;
    }

    @Override
    public String toString() {
        return hasClass() ? String.format(Locale.ROOT, "%s (probability %.4f)", className, probability)
                : String.format(Locale.ROOT, "%.6g", value);
    }
}
