package org.nn4j.nn;

import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * A fully connected layer followed by an activation: {@code z = x·W + b}, {@code a = f(z)}, with W of shape
 * inputs×units and b of shape 1×units (a sample is a row).
 *
 * <p>Both directions of the chain rule live here. {@link #forward} keeps its input and {@code z} and {@code a} (one
 * matrix for an activation that {@linkplain Activation#runsInPlace runs in place}, as ReLU does);
 * {@link #backward} takes {@code ∂L/∂a} and writes {@code ∂L/∂W = xᵀ·∂L/∂z} and {@code ∂L/∂b = Σ_rows ∂L/∂z}
 * into the parameters' gradients, and returns {@code ∂L/∂x = ∂L/∂z·Wᵀ} for the layer before.
 *
 * <p>With a dropout rate p, training-mode forward passes zero each output with probability p and scale the others
 * by 1/(1 − p) ("inverted" dropout), so that inference needs no rescaling; the backward pass applies the same
 * mask. In inference mode (the default) dropout does nothing.
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
    private final double dropout;
    private final Precision precision;

    /** Draws dropout masks while training; null in inference mode. */
    private RandomSource dropoutRandom;
    private Matrix mask;
    private Matrix dropped;
    private Matrix gradMasked;

    private Matrix lastInput;
    private Matrix z;
    private Matrix a;
    private Matrix gradZ;
    private Matrix gradInput;

    /** A layer with zero weights; {@code index} is its 0-based position in the network, used in names. */
    public Dense(int index, int inputs, int units, Activation activation) {
        this(index, inputs, units, activation, 0.0);
    }

    /** As {@link #Dense(int, int, int, Activation)}, with dropout at rate {@code dropout} on the outputs. */
    public Dense(int index, int inputs, int units, Activation activation, double dropout) {
        this(index, inputs, units, activation, dropout, Precision.FLOAT64);
    }

    /** As {@link #Dense(int, int, int, Activation, double)}, with weights and workspaces stored in {@code precision}. */
    public Dense(int index, int inputs, int units, Activation activation, double dropout, Precision precision) {
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("Dense layer " + (index + 1) + ": the dropout rate must be at least 0"
                    + " and below 1, got " + dropout);
        }
        this.dropout = dropout;
        if (inputs <= 0 || units <= 0) {
            throw new IllegalArgumentException(
                    "Dense layer " + (index + 1) + " needs at least 1 input and 1 unit, got " + inputs + " inputs and "
                            + units + " units");
        }
        this.index = index;
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.precision = precision;
        this.weight = new Parameter("layers." + index + ".weight", Matrix.zeros(inputs, units, precision));
        this.bias = new Parameter("layers." + index + ".bias", Matrix.zeros(1, units, precision));
    }

    /**
     * A layer that computes with {@code shared}'s weight and bias matrices (the same objects, not copies) but keeps
     * gradients and workspaces of its own: several of them compute gradients of different rows at once.
     */
    Dense(Dense shared) {
        this.index = shared.index;
        this.inputs = shared.inputs;
        this.units = shared.units;
        this.activation = shared.activation;
        this.dropout = shared.dropout;
        this.precision = shared.precision;
        this.weight = new Parameter(shared.weight.name(), shared.weight.value());
        this.bias = new Parameter(shared.bias.name(), shared.bias.value());
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

    /** How the weights, and the batches through this layer, are stored. */
    public Precision precision() {
        return precision;
    }

    /** The probability of zeroing each output while training; 0 for none. */
    public double dropout() {
        return dropout;
    }

    /** Turns dropout on, drawing masks from {@code random}, or off with null. */
    void setDropoutRandom(RandomSource random) {
        this.dropoutRandom = random;
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
        z = Matrix.reuseOrAllocate(z, rows, units, precision);
        // ReLU's output overwrites its input: a batch of 1024 by 256 floats is a megabyte less to write and cache.
        a = activation.runsInPlace() ? z : Matrix.reuseOrAllocate(a, rows, units, precision);
        activation.affineThenForward(x, weight.value(), bias.value(), z, a);
        lastInput = x;
        if (dropout > 0.0 && dropoutRandom != null) {
            return applyDropout(rows);
        }
        mask = null;
        return a;
    }

    /**
     * {@code f(x·W + b)} into new matrices, touching no workspace: safe to call from many threads at once while
     * nobody changes the weights. Dropout is off, as in inference mode.
     */
    public Matrix infer(Matrix x) {
        return trace(x).a();
    }

    /** As {@link #infer}, keeping the pre-activation {@code z} beside the output. */
    public LayerTrace trace(Matrix x) {
        if (x.cols() != inputs) {
            throw new IllegalArgumentException(
                    "Dense layer " + (index + 1) + " expects " + inputs + " inputs per sample, got a batch of shape "
                            + x.shape());
        }
        Matrix pre = Matrix.zeros(x.rows(), units, precision);
        Matrix out = Matrix.zeros(x.rows(), units, precision);
        activation.affineThenForward(x.precision() == precision ? x : x.toPrecision(precision), weight.value(),
                bias.value(), pre, out);
        return new LayerTrace(this, pre, out);
    }

    private Matrix applyDropout(int rows) {
        mask = Matrix.reuseOrAllocate(mask, rows, units, precision);
        dropped = Matrix.reuseOrAllocate(dropped, rows, units, precision);
        double keepScale = 1.0 / (1.0 - dropout);
        for (int i = 0, n = a.size(); i < n; i++) {
            double m = dropoutRandom.nextDouble() < dropout ? 0.0 : keepScale;
            mask.set(i, m);
            dropped.set(i, a.get(i) * m);
        }
        return dropped;
    }

    /** The output of the last forward pass. */
    Matrix output() {
        return mask == null ? a : dropped;
    }

    /**
     * Back-propagates {@code ∂L/∂a} through the activation and the affine map, writing the parameter gradients.
     * Returns {@code ∂L/∂x} (this layer's workspace), or null when {@code needInputGradient} is false.
     */
    public Matrix backward(Matrix gradOutput, boolean needInputGradient) {
        gradZ = Matrix.reuseOrAllocate(gradZ, a.rows(), units, precision);
        Matrix gradActivated = gradOutput;
        if (mask != null) {
            // ∂L/∂a = mask ⊙ ∂L/∂(dropped output)
            gradMasked = Matrix.reuseOrAllocate(gradMasked, a.rows(), units, precision);
            for (int i = 0, n = gradMasked.size(); i < n; i++) {
                gradMasked.set(i, gradOutput.get(i) * mask.get(i));
            }
            gradActivated = gradMasked;
        }
        activation.backward(z, a, gradActivated, gradZ);
        return backwardFromPreActivation(gradZ, needInputGradient);
    }

    /** As {@link #backward}, but starting from {@code ∂L/∂z}, for losses fused with the output activation. */
    public Matrix backwardFromPreActivation(Matrix gradPreActivation, boolean needInputGradient) {
        Matrix.multiplyTransposedA(lastInput, gradPreActivation, weight.gradient());
        gradPreActivation.sumColumnsInto(bias.gradient());
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuseOrAllocate(gradInput, gradPreActivation.rows(), inputs, precision);
        Matrix.multiplyTransposedB(gradPreActivation, weight.value(), gradInput);
        return gradInput;
    }
}
