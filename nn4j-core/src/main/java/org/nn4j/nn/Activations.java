package org.nn4j.nn;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/** The built-in activations, and lookup by the names used in model files and on the command line. */
public final class Activations {

    public static final Activation RELU = new Relu();
    public static final Activation LEAKY_RELU = new LeakyRelu(LeakyRelu.DEFAULT_SLOPE);
    public static final Activation SIGMOID = new Sigmoid();
    public static final Activation TANH = new Tanh();
    public static final Activation IDENTITY = new Identity();
    public static final Activation SOFTMAX = new Softmax();

    /** Every built-in activation, with default settings. */
    public static final List<Activation> ALL = List.of(RELU, LEAKY_RELU, SIGMOID, TANH, IDENTITY, SOFTMAX);

    /** The names {@link #byName} knows, besides {@code leaky_relu(SLOPE)} and the other spellings. */
    public static final List<String> NAMES = List.of("relu", "leaky_relu", "sigmoid", "tanh", "identity", "softmax");

    private Activations() {
    }

    /**
     * The activation with the given name, ignoring case: {@code relu}, {@code leaky_relu} (slope 0.01) or
     * {@code leaky_relu(SLOPE)}, {@code sigmoid}, {@code tanh}, {@code identity} (or {@code linear}),
     * {@code softmax}.
     *
     * @throws IllegalArgumentException naming the known activations, for any other name
     */
    public static Activation byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "relu":
                return RELU;
            case "leaky_relu":
            case "leakyrelu":
                return LEAKY_RELU;
            case "sigmoid":
                return SIGMOID;
            case "tanh":
                return TANH;
            case "identity":
            case "linear":
                return IDENTITY;
            case "softmax":
                return SOFTMAX;
            default:
                if (key.startsWith("leaky_relu(") && key.endsWith(")")) {
                    String slope = key.substring("leaky_relu(".length(), key.length() - 1);
                    try {
                        return new LeakyRelu(Double.parseDouble(slope));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "leaky_relu(SLOPE) needs a number as its slope, got '" + slope + "'");
                    }
                }
                throw new IllegalArgumentException(
                        "Unknown activation '" + name + "'" + DidYouMean.hint(name, NAMES)
                                + "; known: relu, leaky_relu, leaky_relu(SLOPE), sigmoid, tanh,"
                                + " identity, softmax");
        }
    }
}
