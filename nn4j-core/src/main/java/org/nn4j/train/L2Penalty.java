package org.nn4j.train;

import java.util.List;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The L2 penalty (λ/2)·Σ‖W‖² over the weight matrices (not the biases). Mini-batch training needs only its gradient
 * λ·W; a full-batch objective (L-BFGS's line search) also needs its value, to compare the function it follows.
 */
final class L2Penalty {

    private L2Penalty() {
    }

    /** Adds λ·W to the weight matrices' gradients. */
    static void addGradient(Network network, double l2) {
        List<Dense> layers = network.layers();
        for (int l = 0, count = layers.size(); l < count; l++) {
            Matrix g = layers.get(l).weight().gradient();
            Matrix v = layers.get(l).weight().value();
            for (int i = 0, size = g.size(); i < size; i++) {
                g.set(i, g.get(i) + l2 * v.get(i));
            }
        }
    }

    /** The penalty's value, (λ/2)·Σ‖W‖². */
    static double value(Network network, double l2) {
        double sumOfSquares = 0;
        for (Dense layer : network.layers()) {
            Matrix v = layer.weight().value();
            for (int i = 0, size = v.size(); i < size; i++) {
                sumOfSquares += v.get(i) * v.get(i);
            }
        }
        return 0.5 * l2 * sumOfSquares;
    }
}
