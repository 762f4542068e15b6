package org.nn4j.cli;

import java.util.List;
import org.nn4j.recipe.RecipeBuilder;
import org.nn4j.tensor.Precision;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The network's shape and storage, as {@code nn4j train} takes them (defaults: {@link org.nn4j.recipe.Recipe}). */
final class NetworkOptions {

    @Option(names = {"--hidden", "--layers"}, paramLabel = "SIZES", split = ",",
            description = "Hidden layer sizes, e.g. 64,32; 0 for none. Default: 64. (--layers is the old spelling.)")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden activation: relu, leaky_relu, tanh, sigmoid, identity. Default: relu.")
    String activation;

    @Option(names = "--init", paramLabel = "NAME",
            description = "Initial weights: he, xavier or normal. Default: he for relu and leaky_relu, else xavier.")
    String init;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Dropout rate after each hidden layer, while training. Default: 0.")
    Double dropout;

    @Option(names = "--precision", paramLabel = "P",
            description = "float32 or float64: how the weights and batches are stored (float32 is half the size and "
                    + "about twice as fast for large networks; float64 for results to match a float64 reference). "
                    + "Default: float32, or float64 with --method numerical or central.")
    String precision;

    /** Sets what was given; checks nothing (the recipe does). */
    void applyTo(RecipeBuilder recipe, CommandSpec spec) {
        if (hidden != null) {
            Deprecations.warn(spec, "--layers", "--hidden");
            for (int size : hidden) {
                if (size < 0 || size == 0 && hidden.size() > 1) {
                    throw new IllegalArgumentException("--hidden takes positive sizes like 64,32 (or 0 alone for no"
                            + " hidden layer), got " + hidden);
                }
            }
            recipe.hidden(hidden.equals(List.of(0)) ? List.of() : hidden);
        }
        if (activation != null) {
            recipe.activation(activation);
        }
        if (init != null) {
            recipe.init(init);
        }
        if (dropout != null) {
            recipe.dropout(dropout);
        }
        if (precision != null) {
            recipe.precision(Precision.byName(precision));
        }
    }
}
