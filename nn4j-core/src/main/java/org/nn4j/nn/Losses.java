package org.nn4j.nn;

import java.util.List;
import java.util.Locale;

/** The built-in losses, and lookup by name. */
public final class Losses {

    public static final Loss BINARY_CROSS_ENTROPY = new BinaryCrossEntropy();
    public static final Loss MEAN_SQUARED_ERROR = new MeanSquaredError();
    public static final Loss SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();

    public static final List<Loss> ALL = List.of(BINARY_CROSS_ENTROPY, MEAN_SQUARED_ERROR, SOFTMAX_CROSS_ENTROPY);

    private Losses() {
    }

    /**
     * The loss with the given name, ignoring case: {@code binary_cross_entropy} (or {@code bce}), {@code mse},
     * {@code softmax_cross_entropy} (or {@code cross_entropy}).
     */
    public static Loss byName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "binary_cross_entropy":
            case "bce":
                return BINARY_CROSS_ENTROPY;
            case "mse":
            case "mean_squared_error":
                return MEAN_SQUARED_ERROR;
            case "softmax_cross_entropy":
            case "cross_entropy":
                return SOFTMAX_CROSS_ENTROPY;
            default:
                throw new IllegalArgumentException(
                        "Unknown loss '" + name + "'; known: binary_cross_entropy (bce), mse, softmax_cross_entropy");
        }
    }
}
