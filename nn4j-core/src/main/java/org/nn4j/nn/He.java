package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * He/Kaiming normal: weights from N(0, 2 / fanIn), biases 0. Made for ReLU layers, which zero half their inputs
 * on average, so the factor 2 keeps the activations' variance from shrinking layer by layer.
 */
public final class He implements Initializer {

    @Override
    public String name() {
        return "he";
    }

    @Override
    public void initialize(Matrix weights, Matrix bias, RandomSource random) {
        double std = Math.sqrt(2.0 / weights.rows());
        for (int i = 0; i < weights.size(); i++) {
            weights.set(i, std * random.nextGaussian());
        }
        bias.fill(0.0);
    }
}
