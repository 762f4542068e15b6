package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * Sets a dense layer's starting weights and biases. The fan-in is {@code weights.rows()} and the fan-out
 * {@code weights.cols()}; values are drawn from {@code random} in row-major order, weights before biases.
 */
public interface Initializer {

    /** The name used in model files and on the command line. */
    String name();

    void initialize(Matrix weights, Matrix bias, RandomSource random);
}
