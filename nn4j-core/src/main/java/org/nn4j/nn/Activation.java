package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * An element-wise (or, for softmax, row-wise) function applied after a layer's affine map, with its derivative
 * written next to it: {@code forward} computes {@code a = f(z)}, {@code backward} turns the gradient of the loss
 * with respect to {@code a} into the gradient with respect to {@code z}.
 */
public interface Activation {

    /** The name used in model files and on the command line, e.g. {@code relu} or {@code leaky_relu(0.01)}. */
    String name();

    /** {@code a = f(z)}; {@code a} has the shape of {@code z}. */
    void forward(Matrix z, Matrix a);

    /**
     * {@code gradZ = ∂L/∂z} from {@code gradA = ∂L/∂a}, given the {@code z} and {@code a} of the forward pass.
     * For element-wise functions this is {@code f'(z) ⊙ gradA}.
     */
    void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ);

    /**
     * Whether a layer may write {@code a} over {@code z} and keep one matrix for both: true when {@link #forward}
     * works in place and {@link #backward} gives the same result from {@code f(z)} in place of {@code z}. False
     * unless an activation says so.
     */
    default boolean runsInPlace() {
        return false;
    }

    /**
     * A layer's bias and activation: {@code z += bias} on each row, then {@code a = f(z)}. Activations that can
     * do both in one pass over {@code z} (ReLU) override this; the result is the same.
     */
    default void addBiasThenForward(Matrix z, Matrix bias, Matrix a) {
        z.addToEachRow(bias);
        forward(z, a);
    }

    /**
     * A layer's whole forward pass: {@code z = x·w}, then {@link #addBiasThenForward}. Activations whose kernels
     * apply bias and activation as the product's sums are stored (ReLU) override this; the result is the same.
     */
    default void affineThenForward(Matrix x, Matrix w, Matrix bias, Matrix z, Matrix a) {
        Matrix.multiply(x, w, z);
        addBiasThenForward(z, bias, a);
    }
}
