package org.nn4j.grad;

import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * Computes the gradient of a loss with respect to every parameter of a network, at the network's current
 * weights. nn4j has two: {@link NumericalGradient}, which estimates it by nudging each weight and watching the
 * loss (the tutorial's method), and {@link Backpropagation}, which applies the chain rule layer by layer.
 */
public interface GradientEngine {

    /** A short name for reports, e.g. {@code backprop} or {@code numerical (forward, ε=1e-05)}. */
    String name();

    /**
     * Writes {@code ∂L/∂θ} into {@link org.nn4j.nn.Parameter#gradient()} of every parameter θ of
     * {@code network}, for the mean loss of the batch {@code inputs} against {@code targets}, and returns that loss
     * at the current weights. The weights are the same afterwards as before.
     */
    double computeGradients(Network network, Matrix inputs, Matrix targets, Loss loss);

    /** Checks that a batch fits the network, naming the shapes when not. */
    static void requireBatchFits(Network network, Matrix inputs, Matrix targets) {
        if (inputs.cols() != network.inputs() || targets.cols() != network.outputs()
                || inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException(
                    "The network " + network.sizes() + " needs inputs of shape n×" + network.inputs()
                            + " and targets of shape n×" + network.outputs() + ", got inputs " + inputs.shape()
                            + " and targets " + targets.shape());
        }
    }
}
