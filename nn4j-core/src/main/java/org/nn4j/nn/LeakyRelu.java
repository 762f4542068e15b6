package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * Leaky rectified linear unit: {@code f(z) = z} for z &gt; 0 and {@code slope·z} otherwise, so that a unit that is
 * switched off still passes a small gradient and can recover (a remedy for dead ReLU units).
 */
public final class LeakyRelu implements Activation {

    /** The slope PyTorch and Keras use by default. */
    public static final double DEFAULT_SLOPE = 0.01;

    private final double slope;

    public LeakyRelu(double slope) {
        if (!(slope >= 0.0 && slope < 1.0)) {
            throw new IllegalArgumentException("LeakyReLU needs a slope in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    public double slope() {
        return slope;
    }

    @Override
    public String name() {
        return slope == DEFAULT_SLOPE ? "leaky_relu" : "leaky_relu(" + slope + ")";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        for (int i = 0, n = z.size(); i < n; i++) {
            double v = z.get(i);
            a.set(i, v > 0.0 ? v : slope * v);
        }
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        for (int i = 0, n = z.size(); i < n; i++) {
            gradZ.set(i, z.get(i) > 0.0 ? gradA.get(i) : slope * gradA.get(i));
        }
    }
}
