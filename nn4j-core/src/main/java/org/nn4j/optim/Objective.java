package org.nn4j.optim;

/**
 * The loss as a function of the parameters' current values, for optimizers that evaluate it at points of their
 * own choosing (L-BFGS's line search): PyTorch's {@code closure}. The training loop supplies one over all training
 * rows; an optimizer moves the parameters, asks, and reads the gradients.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Writes into every parameter's gradient the gradient of the loss at the parameters' current values, and
     * returns that loss. The values are the same afterwards as before.
     */
    double evaluate();
}
