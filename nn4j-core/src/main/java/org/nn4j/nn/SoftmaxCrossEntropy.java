package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * Categorical cross-entropy for a softmax output, averaged over the samples (rows):
 * {@code L = −(1/n) Σ_rows Σ_k y_k · ln p_k}, each p clipped to [1e-15, 1] first. Targets are one-hot rows (or
 * rows of class probabilities). After a softmax the gradient with respect to the logits is {@code (p − y) / n},
 * which is what training uses; the gradient with respect to p, {@code −y / (p·n)}, serves other outputs.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public double value(Matrix predictions, Matrix targets) {
        Loss.requireSameShape(this, predictions, targets);
        double sum = 0.0;
        for (int i = 0, size = predictions.size(); i < size; i++) {
            double y = targets.get(i);
            if (y != 0.0) {
                sum += y * Math.log(Math.max(predictions.get(i), BinaryCrossEntropy.CLIP));
            }
        }
        return -(sum / predictions.rows());
    }

    @Override
    public void gradient(Matrix predictions, Matrix targets, Matrix out) {
        Loss.requireSameShape(this, predictions, targets);
        int n = predictions.rows();
        for (int i = 0, size = predictions.size(); i < size; i++) {
            double p = predictions.get(i);
            out.set(i, p < BinaryCrossEntropy.CLIP ? 0.0 : -targets.get(i) / (p * n));
        }
    }

    @Override
    public boolean gradientBeforeActivation(Activation activation, Matrix predictions, Matrix targets, Matrix out) {
        if (!(activation instanceof Softmax)) {
            return false;
        }
        Loss.requireSameShape(this, predictions, targets);
        Loss.predictionMinusTarget(predictions, targets, out, predictions.rows());
        return true;
    }
}
