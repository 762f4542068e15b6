package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * A loss: one number saying how far a batch of predictions is from its targets, averaged over the batch, and its
 * gradient with respect to the predictions.
 */
public interface Loss {

    /** The name used in model files and on the command line. */
    String name();

    /** The mean loss of {@code predictions} against {@code targets} (same shape, one sample per row). */
    double value(Matrix predictions, Matrix targets);

    /** Writes {@code ∂L/∂predictions} into {@code out}. */
    void gradient(Matrix predictions, Matrix targets, Matrix out);

    /**
     * When this loss following {@code activation} has a simpler and numerically safer gradient with respect to the
     * activation's input (sigmoid with binary cross-entropy, softmax with cross-entropy: both give
     * {@code (a − y) / n}), writes that gradient into {@code out} and returns true; otherwise returns false and
     * the caller goes through {@link #gradient} and {@link Activation#backward}.
     */
    default boolean gradientBeforeActivation(Activation activation, Matrix predictions, Matrix targets, Matrix out) {
        return false;
    }

    /**
     * What the mean of {@link #value} is taken over for these target rows, in rows: the number of rows, unless a
     * weighted loss divides by its weights' sum ({@link ClassWeightedLoss}). The means of several batches combine
     * into the mean of their union when each counts with this share.
     */
    default double batchWeight(Matrix targets) {
        return targets.rows();
    }

    /** Checks that predictions and targets have the same shape, naming both when not. */
    static void requireSameShape(Loss loss, Matrix predictions, Matrix targets) {
        if (!predictions.hasShape(targets.rows(), targets.cols())) {
            throw new IllegalArgumentException(
                    "The " + loss.name() + " loss needs predictions and targets of one shape, got predictions "
                            + predictions.shape() + " and targets " + targets.shape());
        }
    }

    /** {@code out = (a − y) / n}, the shared fused gradient of sigmoid+BCE and softmax+cross-entropy. */
    static void predictionMinusTarget(Matrix predictions, Matrix targets, Matrix out, double n) {
        for (int i = 0, size = predictions.size(); i < size; i++) {
            out.set(i, (predictions.get(i) - targets.get(i)) / n);
        }
    }
}
