package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * A fully connected layer followed by an activation: {@code z = x·W + b}, {@code a = f(z)}, with W of shape
 * inputs×units and b of shape 1×units (a sample is a row).
 *
 * <p>Both directions of the chain rule live here. {@link #forward} keeps its input and {@code z} and {@code a};
 * {@link #backward} takes {@code ∂L/∂a} and writes {@code ∂L/∂W = xᵀ·∂L/∂z} and {@code ∂L/∂b = Σ_rows ∂L/∂z}
 * into the parameters' gradients, and returns {@code ∂L/∂x = ∂L/∂z·Wᵀ} for the layer before.
 *
 * <p>Workspaces are allocated on the first batch of each size and reused after, so a training loop with a fixed
 * batch size allocates nothing. A layer is therefore not safe for concurrent use.
 */
public final class Dense {

    private final int index;
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;

    private Matrix lastInput;
    private Matrix z;
    private Matrix a;
    private Matrix gradZ;
    private Matrix gradInput;

    /** A layer with zero weights; {@code index} is its 0-based position in the network, used in names. */
    public Dense(int index, int inputs, int units, Activation activation) {
        if (inputs <= 0 || units <= 0) {
            throw new IllegalArgumentException(
                    "Dense layer " + (index + 1) + " needs at least 1 input and 1 unit, got " + inputs + " inputs and "
                            + units + " units");
        }
        this.index = index;
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.weight = new Parameter("layers." + index + ".weight", Matrix.zeros(inputs, units));
        this.bias = new Parameter("layers." + index + ".bias", Matrix.zeros(1, units));
    }

    public int inputs() {
        return inputs;
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** Number of trainable numbers: inputs·units weights plus units biases. */
    public int parameterCount() {
        return inputs * units + units;
    }

    void initialize(Initializer initializer, RandomSource random) {
        initializer.initialize(weight.value(), bias.value(), random);
    }

    /** {@code a = f(x·W + b)}; the returned matrix is this layer's workspace, valid until the next call. */
    public Matrix forward(Matrix x) {
        if (x.cols() != inputs) {
            throw new IllegalArgumentException(
                    "Dense layer " + (index + 1) + " expects " + inputs + " inputs per sample, got a batch of shape "
                            + x.shape());
        }
        int rows = x.rows();
        z = Matrix.reuseOrAllocate(z, rows, units);
        a = Matrix.reuseOrAllocate(a, rows, units);
        Matrix.multiply(x, weight.value(), z);
        z.addToEachRow(bias.value());
        activation.forward(z, a);
        lastInput = x;
        return a;
    }

    /** The output of the last forward pass. */
    Matrix output() {
        return a;
    }

    /**
     * Back-propagates {@code ∂L/∂a} through the activation and the affine map, writing the parameter gradients.
     * Returns {@code ∂L/∂x} (this layer's workspace), or null when {@code needInputGradient} is false.
     */
    public Matrix backward(Matrix gradOutput, boolean needInputGradient) {
        gradZ = Matrix.reuseOrAllocate(gradZ, a.rows(), units);
        activation.backward(z, a, gradOutput, gradZ);
        return backwardFromPreActivation(gradZ, needInputGradient);
    }

    /** As {@link #backward}, but starting from {@code ∂L/∂z}, for losses fused with the output activation. */
    public Matrix backwardFromPreActivation(Matrix gradPreActivation, boolean needInputGradient) {
        Matrix.multiplyTransposedA(lastInput, gradPreActivation, weight.gradient());
        gradPreActivation.sumColumnsInto(bias.gradient());
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuseOrAllocate(gradInput, gradPreActivation.rows(), inputs);
        Matrix.multiplyTransposedB(gradPreActivation, weight.value(), gradInput);
        return gradInput;
    }
}
