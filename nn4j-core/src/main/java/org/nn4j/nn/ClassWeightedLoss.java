package org.nn4j.nn;

import java.util.Objects;
import org.nn4j.tensor.Matrix;

/**
 * A classification loss in which each sample counts with the weight {@code w_i} of its class, taking the weighted
 * mean exactly as PyTorch's weighted losses do:
 * <ul>
 *   <li>softmax cross-entropy, as {@code CrossEntropyLoss(weight=w)}:
 *       {@code L = Σ_i w_i · (−ln p_{i,y_i}) / Σ_i w_i}, a mean over the weights; the gradient with respect to
 *       the logits is {@code w_i (p_i − y_i) / Σ w};</li>
 *   <li>binary cross-entropy, as {@code BCELoss(weight=w_i)} with each sample's weight that of its class:
 *       {@code L = Σ_i w_i · l_i / n}, a mean over the n samples; after a sigmoid the gradient with respect to the
 *       logit is {@code w_i (p_i − y_i) / n}.</li>
 * </ul>
 * Targets are one-hot rows (softmax) or 0/1 (binary); a sample's class is its target's. {@link #batchWeight} says
 * what each mean is over, so that means of several batches (slices of a mini-batch, shards on a cluster) combine
 * into the mean of their union.
 */
public final class ClassWeightedLoss implements Loss {

    private final Loss base;
    private final ClassWeights weights;
    private final boolean softmax;

    ClassWeightedLoss(Loss base, ClassWeights weights) {
        this.base = Objects.requireNonNull(base, "base");
        this.weights = Objects.requireNonNull(weights, "weights");
        if (base instanceof SoftmaxCrossEntropy) {
            softmax = true;
        } else if (base instanceof BinaryCrossEntropy) {
            softmax = false;
            if (weights.classes() != 2) {
                throw new IllegalArgumentException("Binary cross-entropy weighs 2 classes, got "
                        + weights.classes() + " class weights");
            }
        } else {
            throw new IllegalArgumentException("Class weights apply to a classification loss (binary_cross_entropy"
                    + " or softmax_cross_entropy), not to " + base.name());
        }
    }

    /** The unweighted loss. */
    public Loss base() {
        return base;
    }

    public ClassWeights weights() {
        return weights;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public double value(Matrix predictions, Matrix targets) {
        requireFits(predictions, targets);
        double sum = 0.0;
        int cols = predictions.cols();
        for (int r = 0, rows = predictions.rows(); r < rows; r++) {
            double rowLoss = 0.0;
            for (int c = 0; c < cols; c++) {
                double y = targets.get(r, c);
                double p = predictions.get(r, c);
                if (softmax) {
                    if (y != 0.0) {
                        rowLoss -= y * Math.log(Math.max(p, BinaryCrossEntropy.CLIP));
                    }
                } else {
                    double q = Math.min(Math.max(p, BinaryCrossEntropy.CLIP), 1.0 - BinaryCrossEntropy.CLIP);
                    rowLoss -= y == 1.0 ? Math.log(q) : y == 0.0 ? Math.log(1.0 - q)
                            : y * Math.log(q) + (1.0 - y) * Math.log(1.0 - q);
                }
            }
            sum += weightOfRow(targets, r) * rowLoss;
        }
        return sum / batchWeight(targets);
    }

    @Override
    public void gradient(Matrix predictions, Matrix targets, Matrix out) {
        requireFits(predictions, targets);
        double total = batchWeight(targets);
        int cols = predictions.cols();
        for (int r = 0, rows = predictions.rows(); r < rows; r++) {
            double scale = weightOfRow(targets, r) / total;
            for (int c = 0; c < cols; c++) {
                double p = predictions.get(r, c);
                double y = targets.get(r, c);
                double g;
                if (softmax) {
                    g = p < BinaryCrossEntropy.CLIP ? 0.0 : -y / p;
                } else {
                    boolean clipped = p < BinaryCrossEntropy.CLIP || p > 1.0 - BinaryCrossEntropy.CLIP;
                    g = clipped ? 0.0 : -y / p + (1.0 - y) / (1.0 - p);
                }
                out.set(r, c, g * scale);
            }
        }
    }

    @Override
    public boolean gradientBeforeActivation(Activation activation, Matrix predictions, Matrix targets, Matrix out) {
        if (!(softmax ? activation instanceof Softmax : activation instanceof Sigmoid)) {
            return false;
        }
        requireFits(predictions, targets);
        double total = batchWeight(targets);
        int cols = predictions.cols();
        for (int r = 0, rows = predictions.rows(); r < rows; r++) {
            double scale = weightOfRow(targets, r) / total;
            for (int c = 0; c < cols; c++) {
                out.set(r, c, (predictions.get(r, c) - targets.get(r, c)) * scale);
            }
        }
        return true;
    }

    /** Softmax: the sum of the rows' class weights, PyTorch's denominator; binary: the number of rows. */
    @Override
    public double batchWeight(Matrix targets) {
        if (!softmax) {
            return targets.rows();
        }
        double total = 0.0;
        for (int r = 0, rows = targets.rows(); r < rows; r++) {
            total += weightOfRow(targets, r);
        }
        return total;
    }

    /** The weight of row {@code r}'s class: its target's most probable class. */
    private double weightOfRow(Matrix targets, int r) {
        if (!softmax) {
            return weights.weightOf(targets.get(r, 0) >= 0.5 ? 1 : 0);
        }
        int best = 0;
        for (int c = 1, cols = targets.cols(); c < cols; c++) {
            if (targets.get(r, c) > targets.get(r, best)) {
                best = c;
            }
        }
        return weights.weightOf(best);
    }

    private void requireFits(Matrix predictions, Matrix targets) {
        Loss.requireSameShape(this, predictions, targets);
        int expected = softmax ? weights.classes() : 1;
        if (predictions.cols() != expected) {
            throw new IllegalArgumentException("Weights of " + weights.classes() + " classes need " + expected
                    + " output" + (expected == 1 ? "" : "s") + " per sample, got " + predictions.cols());
        }
    }
}
