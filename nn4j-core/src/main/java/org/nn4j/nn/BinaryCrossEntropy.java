package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * Binary cross-entropy averaged over every element:
 * {@code L = −(1/N) Σ [y·ln p + (1 − y)·ln(1 − p)]}, with each prediction p first clipped to
 * [1e-15, 1 − 1e-15] so that a confident wrong answer costs a large but finite amount (as the tutorial does).
 * Its gradient is {@code (−y/p + (1 − y)/(1 − p)) / N}, and 0 where the clip is active. After a sigmoid the
 * gradient with respect to the logits is {@code (p − y) / N}.
 */
public final class BinaryCrossEntropy implements Loss {

    /** The clipping bound of the tutorial. */
    public static final double CLIP = 1e-15;

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public double value(Matrix predictions, Matrix targets) {
        Loss.requireSameShape(this, predictions, targets);
        double sum = 0.0;
        int n = predictions.size();
        for (int i = 0; i < n; i++) {
            double p = clip(predictions.get(i));
            double y = targets.get(i);
            // For hard 0/1 targets one of the two terms is exactly zero; skipping its logarithm changes no bit.
            double term;
            if (y == 1.0) {
                term = Math.log(p);
            } else if (y == 0.0) {
                term = Math.log(1.0 - p);
            } else {
                term = y * Math.log(p) + (1.0 - y) * Math.log(1.0 - p);
            }
            sum += term;
        }
        return -(sum / n);
    }

    @Override
    public void gradient(Matrix predictions, Matrix targets, Matrix out) {
        Loss.requireSameShape(this, predictions, targets);
        int n = predictions.size();
        for (int i = 0; i < n; i++) {
            double raw = predictions.get(i);
            double y = targets.get(i);
            boolean clipped = raw < CLIP || raw > 1.0 - CLIP;
            out.set(i, clipped ? 0.0 : (-y / raw + (1.0 - y) / (1.0 - raw)) / n);
        }
    }

    @Override
    public boolean gradientBeforeActivation(Activation activation, Matrix predictions, Matrix targets, Matrix out) {
        if (!(activation instanceof Sigmoid)) {
            return false;
        }
        Loss.requireSameShape(this, predictions, targets);
        Loss.predictionMinusTarget(predictions, targets, out, predictions.size());
        return true;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, CLIP), 1.0 - CLIP);
    }
}
