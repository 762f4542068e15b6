package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * A trainable tensor and the gradient of the loss with respect to it, of the same shape. Gradient engines write
 * {@link #gradient()}; optimizers read it and update {@link #value()}, knowing nothing of layers.
 */
public final class Parameter {

    private final String name;
    private final Matrix value;
    private final Matrix gradient;

    public Parameter(String name, Matrix value) {
        this.name = name;
        this.value = value;
        this.gradient = Matrix.zeros(value.rows(), value.cols(), value.precision());
    }

    /** The tensor's name in model files, e.g. {@code layers.0.weight}. */
    public String name() {
        return name;
    }

    public Matrix value() {
        return value;
    }

    public Matrix gradient() {
        return gradient;
    }
}
