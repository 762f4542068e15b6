package org.nn4j.optim;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/** The optimizers by name, for command lines and configuration files, with PyTorch's default learning rates. */
public final class Optimizers {

    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw",
            "lbfgs");

    private Optimizers() {
    }

    /** The usual learning rate for an optimizer: 0.001 for Adam and AdamW, 1 for L-BFGS, 0.01 for the others. */
    public static double defaultLearningRate(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        requireKnown(key, name);
        return key.startsWith("adam") ? 0.001 : key.equals("lbfgs") ? 1.0 : 0.01;
    }

    /**
     * An optimizer by name with the given learning rate, momentum (for momentum and nesterov; also RMSprop's when
     * above 0) and weight decay (L2-coupled for all but AdamW, decoupled for AdamW; a negative value means each
     * optimizer's default, which is 0 except AdamW's 0.01). L-BFGS takes neither: it gets PyTorch's defaults
     * otherwise too (see {@link Lbfgs}).
     */
    public static Optimizer byName(String name, double learningRate, double momentum, double weightDecay) {
        String key = name.toLowerCase(Locale.ROOT);
        requireKnown(key, name);
        double decay = Math.max(weightDecay, 0.0);
        return switch (key) {
            case "sgd" -> new Sgd(learningRate, 0.0, 0.0, decay, false);
            case "momentum" -> new Sgd(learningRate, momentum, 0.0, decay, false);
            case "nesterov" -> new Sgd(learningRate, momentum, 0.0, decay, true);
            case "rmsprop" -> new RmsProp(learningRate, 0.99, 1e-8, decay, 0.0);
            case "adam" -> new Adam(learningRate, 0.9, 0.999, 1e-8, decay);
            case "lbfgs" -> new Lbfgs(learningRate);
            default -> new AdamW(learningRate, 0.9, 0.999, 1e-8, weightDecay < 0 ? 0.01 : weightDecay);
        };
    }

    private static void requireKnown(String key, String name) {
        if (!NAMES.contains(key)) {
            throw new IllegalArgumentException("Unknown optimizer '" + name + "'" + DidYouMean.hint(name, NAMES)
                    + "; expected one of "
                    + String.join(", ", NAMES));
        }
    }
}
