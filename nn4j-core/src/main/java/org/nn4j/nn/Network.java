package org.nn4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * A sequential feed-forward network: dense layers applied one after the other to a batch of samples, one sample
 * per row. Built with {@link #builder(int)}:
 *
 * <pre>{@code
 * Network xor = Network.builder(2)
 *         .dense(2, Activations.RELU)
 *         .dense(1, Activations.SIGMOID)
 *         .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(1));
 * }</pre>
 *
 * <p>The weights are mutable (training changes them in place); the architecture is fixed. Forward passes reuse
 * per-layer workspaces, so one network must not be used from several threads at once; {@link #infer} is the
 * exception, for concurrent prediction.
 */
public final class Network {

    private final List<Dense> layers;
    private final List<Parameter> parameters;
    /** The input batch converted to the network's precision, when it comes in another. */
    private Matrix convertedInput;

    private Network(List<Dense> layers) {
        this.layers = List.copyOf(layers);
        List<Parameter> params = new ArrayList<>();
        for (Dense layer : layers) {
            params.add(layer.weight());
            params.add(layer.bias());
        }
        this.parameters = Collections.unmodifiableList(params);
    }

    /** Starts a network that takes {@code inputs} numbers per sample. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).units();
    }

    public List<Dense> layers() {
        return layers;
    }

    /** Every parameter, layer by layer, weight before bias (for the tutorial's net: W1, b1, W2, b2). */
    public List<Parameter> parameters() {
        return parameters;
    }

    public int parameterCount() {
        int count = 0;
        for (Dense layer : layers) {
            count += layer.parameterCount();
        }
        return count;
    }

    /** The layer sizes joined by dashes, input first, e.g. {@code 2-2-1}. */
    public String sizes() {
        StringBuilder sb = new StringBuilder().append(inputs());
        for (Dense layer : layers) {
            sb.append('-').append(layer.units());
        }
        return sb.toString();
    }

    /**
     * Runs the batch {@code x} through every layer. The result is the last layer's workspace: valid until the
     * next forward pass, and not to be modified. Use {@link #predict(Matrix)} for a copy.
     */
    public Matrix forward(Matrix x) {
        if (x.cols() != inputs()) {
            throw new IllegalArgumentException(
                    "The network " + sizes() + " expects " + inputs() + " inputs per sample, got a batch of shape "
                            + x.shape());
        }
        return forwardFrom(0, x);
    }

    /**
     * Recomputes the output after a change to the parameters of layer {@code firstLayer} (0-based) and those
     * after it, reusing the outputs that earlier layers computed in the last forward pass over the same batch
     * {@code x}. Gives exactly what {@link #forward} would, with less work.
     */
    public Matrix forwardFrom(int firstLayer, Matrix x) {
        Matrix current = firstLayer == 0 ? inPrecision(x) : layers.get(firstLayer - 1).output();
        for (int i = firstLayer; i < layers.size(); i++) {
            current = layers.get(i).forward(current);
        }
        return current;
    }

    /**
     * Training mode: layers with dropout zero outputs at random, drawing from {@code random}. Gradient engines and
     * trainers switch it on for the training passes only.
     */
    public void enableDropout(RandomSource random) {
        Objects.requireNonNull(random, "random");
        for (int i = 0, n = layers.size(); i < n; i++) {
            layers.get(i).setDropoutRandom(random);
        }
    }

    /** Inference mode (the default): dropout does nothing, so the same input always gives the same output. */
    public void disableDropout() {
        // Indexed: the training loop calls this for every batch, and a loop allocates nothing.
        for (int i = 0, n = layers.size(); i < n; i++) {
            layers.get(i).setDropoutRandom(null);
        }
    }

    /** True when some layer has a dropout rate above 0. */
    public boolean hasDropout() {
        for (int i = 0, n = layers.size(); i < n; i++) {
            if (layers.get(i).dropout() > 0) {
                return true;
            }
        }
        return false;
    }

    /** How the weights and the batches through the network are stored. */
    public Precision precision() {
        return layers.get(0).precision();
    }

    /** A network of the same architecture with a copy of the current weights, stored in {@code precision}. */
    public Network toPrecision(Precision precision) {
        List<Dense> fresh = new ArrayList<>();
        for (Dense layer : layers) {
            fresh.add(new Dense(fresh.size(), layer.inputs(), layer.units(), layer.activation(), layer.dropout(),
                    precision));
        }
        Network copy = new Network(fresh);
        copy.copyWeightsFrom(this);
        return copy;
    }

    private Matrix inPrecision(Matrix x) {
        Precision precision = precision();
        if (x.precision() == precision) {
            return x;
        }
        convertedInput = Matrix.reuseOrAllocate(convertedInput, x.rows(), x.cols(), precision);
        convertedInput.copyFrom(x);
        return convertedInput;
    }

    /** The output of the last forward pass (the last layer's workspace), valid until the next one. */
    public Matrix lastOutput() {
        return layers.get(layers.size() - 1).output();
    }

    /** The outputs for a batch, as a new matrix. */
    public Matrix predict(Matrix x) {
        return forward(x).copy();
    }

    /** The outputs for one sample. */
    public double[] predict(double... sample) {
        return forward(Matrix.row(sample)).rowValues(0);
    }

    /**
     * The outputs for a batch, computed in new matrices rather than the layers' workspaces: unlike
     * {@link #predict(Matrix)}, safe to call from several threads at once, as long as no thread trains the network
     * meanwhile. The batch may come in either precision.
     */
    public Matrix infer(Matrix x) {
        if (x.cols() != inputs()) {
            throw new IllegalArgumentException(
                    "The network " + sizes() + " expects " + inputs() + " inputs per sample, got a batch of shape "
                            + x.shape());
        }
        Matrix current = x.precision() == precision() ? x : x.toPrecision(precision());
        for (Dense layer : layers) {
            current = layer.infer(current);
        }
        return current;
    }

    /**
     * Every layer's pre-activation and output for the batch {@code x}, in new matrices, with dropout off: what
     * explanations and diagnoses look at. Thread-safe as {@link #infer} is.
     */
    public List<LayerTrace> trace(Matrix x) {
        List<LayerTrace> traces = new ArrayList<>();
        Matrix current = x;
        for (Dense layer : layers) {
            LayerTrace t = layer.trace(current);
            traces.add(t);
            current = t.a();
        }
        return traces;
    }

    /**
     * A network that reads this network's weights (the same matrices: an update of one is an update of both) but has
     * gradients, workspaces and a dropout switch of its own. Replicas let several threads compute the gradients of
     * different rows of one mini-batch at the same time.
     */
    public Network replica() {
        List<Dense> twins = new ArrayList<>();
        for (Dense layer : layers) {
            twins.add(new Dense(layer));
        }
        return new Network(twins);
    }

    /** A network of the same architecture and precision with a copy of the current weights. */
    public Network copy() {
        return toPrecision(precision());
    }

    /** Overwrites this network's weights with those of another of the same architecture. */
    public void copyWeightsFrom(Network other) {
        if (!other.sameArchitecture(this)) {
            throw new IllegalArgumentException(
                    "Cannot copy weights from a " + other.describe() + " network into a " + describe() + " one");
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).value().copyFrom(other.parameters.get(i).value());
        }
    }

    /** True when both networks have the same layers, sizes and activations. */
    public boolean sameArchitecture(Network other) {
        if (other.layers.size() != layers.size()) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            Dense a = layers.get(i);
            Dense b = other.layers.get(i);
            if (a.inputs() != b.inputs() || a.units() != b.units() || a.dropout() != b.dropout()
                    || !a.activation().name().equals(b.activation().name())) {
                return false;
            }
        }
        return true;
    }

    /** Sizes and activations in one line, e.g. {@code 2-2-1 (relu, sigmoid)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(sizes()).append(" (");
        for (int i = 0; i < layers.size(); i++) {
            Dense layer = layers.get(i);
            sb.append(i == 0 ? "" : ", ").append(layer.activation().name());
            if (layer.dropout() > 0) {
                sb.append(" + dropout ").append(layer.dropout());
            }
        }
        sb.append(')');
        return precision() == Precision.FLOAT64 ? sb.toString() : sb.append(' ').append(precision().id()).toString();
    }

    /**
     * A table of the layers with their shapes and parameter counts, in the manner of Keras's
     * {@code model.summary()}.
     */
    public String summary() {
        String format = "%-3s %-8s %-18s %-8s %-8s %-20s %10s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(format, "#", "Layer", "Activation", "Inputs", "Outputs", "Shapes", "Parameters"));
        int i = 1;
        for (Dense layer : layers) {
            String activation = layer.activation().name()
                    + (layer.dropout() > 0 ? ", drop " + layer.dropout() : "");
            // Counts grouped by thousands (235,146), as every nn4j report writes them.
            sb.append(String.format(Locale.ROOT, format, i++, "Dense", activation, layer.inputs(), layer.units(),
                    "W " + layer.weight().value().shape() + ", b " + layer.bias().value().shape(),
                    String.format(Locale.ROOT, "%,d", layer.parameterCount())));
        }
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d (all trainable)%s%n", parameterCount(),
                precision() == Precision.FLOAT64 ? "" : ", stored in " + precision().id()));
        return sb.toString();
    }


    @Override
    public String toString() {
        return "Network " + describe();
    }

    /** Adds layers one at a time; each takes the previous layer's outputs as its inputs. */
    public static final class Builder {

        private final int inputs;
        private final List<Integer> units = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private final List<Double> dropouts = new ArrayList<>();
        // float32 by default, as PyTorch and Keras: half the memory, about twice float64's speed on large products.
        private Precision precision = Precision.FLOAT32;

        private Builder(int inputs) {
            if (inputs <= 0) {
                throw new IllegalArgumentException("A network needs at least 1 input, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds a fully connected layer of {@code units} outputs followed by {@code activation}. */
        public Builder dense(int units, Activation activation) {
            Objects.requireNonNull(activation, "activation");
            if (units <= 0) {
                throw new IllegalArgumentException(
                        "Dense layer " + (this.units.size() + 1) + " needs at least 1 unit, got " + units);
            }
            this.units.add(units);
            this.activations.add(activation);
            this.dropouts.add(0.0);
            return this;
        }

        /**
         * Adds dropout at rate {@code rate} to the outputs of the layer added last: while training, each of its
         * outputs is zeroed with probability {@code rate}. Not allowed on the output layer.
         */
        public Builder dropout(double rate) {
            if (units.isEmpty()) {
                throw new IllegalStateException("Dropout applies to a layer's outputs; add a layer with dense(...) first");
            }
            if (!(rate >= 0.0 && rate < 1.0)) {
                throw new IllegalArgumentException("The dropout rate must be at least 0 and below 1, got " + rate);
            }
            dropouts.set(dropouts.size() - 1, rate);
            return this;
        }

        /**
         * Stores the weights and batches in {@code precision}: float32 by default, for speed; float64 for gradient
         * checks and results that must match a float64 reference.
         */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** The network with every weight 0, for loading weights into. */
        public Network buildWithZeroWeights() {
            if (units.isEmpty()) {
                throw new IllegalStateException("A network needs at least one layer; add one with dense(...)");
            }
            if (dropouts.get(dropouts.size() - 1) > 0) {
                throw new IllegalArgumentException("Dropout on the output layer would drop predictions; put it on a"
                        + " hidden layer");
            }
            List<Dense> layers = new ArrayList<>();
            int layerInputs = inputs;
            for (int i = 0; i < units.size(); i++) {
                layers.add(new Dense(i, layerInputs, units.get(i), activations.get(i), dropouts.get(i), precision));
                layerInputs = units.get(i);
            }
            return new Network(layers);
        }

        /** The network with weights from {@code initializer}, drawn layer by layer from {@code random}. */
        public Network build(Initializer initializer, RandomSource random) {
            Network network = buildWithZeroWeights();
            for (Dense layer : network.layers) {
                layer.initialize(initializer, random);
            }
            return network;
        }
    }
}
