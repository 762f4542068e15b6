package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * Every weight and every bias drawn from N(0, 1), as the tutorial does. Simple, but too wide for larger layers
 * and prone to dead ReLU units; {@link He} and {@link Xavier} scale by the layer size instead.
 */
public final class StandardNormal implements Initializer {

    @Override
    public String name() {
        return "normal";
    }

    @Override
    public void initialize(Matrix weights, Matrix bias, RandomSource random) {
        for (int i = 0; i < weights.size(); i++) {
            weights.set(i, random.nextGaussian());
        }
        for (int i = 0; i < bias.size(); i++) {
            bias.set(i, random.nextGaussian());
        }
    }
}
