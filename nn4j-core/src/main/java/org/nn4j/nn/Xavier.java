package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * Glorot/Xavier uniform: weights from U(−l, l) with {@code l = √(6 / (fanIn + fanOut))}, biases 0. Keeps the
 * variance of activations and gradients about constant across layers for tanh and sigmoid.
 */
public final class Xavier implements Initializer {

    @Override
    public String name() {
        return "xavier";
    }

    @Override
    public void initialize(Matrix weights, Matrix bias, RandomSource random) {
        double limit = Math.sqrt(6.0 / (weights.rows() + weights.cols()));
        for (int i = 0; i < weights.size(); i++) {
            weights.set(i, (2.0 * random.nextDouble() - 1.0) * limit);
        }
        bias.fill(0.0);
    }
}
