package org.nn4j.recipe.search;

import java.util.List;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.optim.Optimizers;
import org.nn4j.random.RandomSource;
import org.nn4j.recipe.Recipe;

/**
 * Where a hyperparameter search looks: the range or the choices of each setting it varies. A trial's settings are
 * drawn independently of each other, in the order of the components below:
 * <ul>
 *   <li>learning rate: log-uniform in {@code [minLearningRate, maxLearningRate]}, so that 1e-4…1e-3 is as likely
 *       as 1e-2…1e-1;</li>
 *   <li>hidden layers: 1 to {@code maxLayers} layers (uniform), each of a size drawn from {@code layerSizes};</li>
 *   <li>activation, dropout, batch size, optimizer and initialiser: uniform over their choices;</li>
 *   <li>L2 penalty: none with probability 1/2, else log-uniform in {@code [minL2, maxL2]}.</li>
 * </ul>
 * Every other setting (epochs, early stopping, split, seed, task) stays as the base recipe has it.
 */
public record SearchSpace(double minLearningRate, double maxLearningRate, List<Integer> layerSizes, int maxLayers,
        List<String> activations, List<Double> dropouts, double minL2, double maxL2, List<Integer> batches,
        List<String> optimizers, List<String> initializers) {

    /**
     * nn4j's search space: learning rate 1e-4 to 1e-1; 1 or 2 hidden layers of 16, 32, 64, 128 or 256 units; relu,
     * leaky_relu or tanh; dropout 0, 0.1, 0.2, 0.3 or 0.5; L2 none or 1e-6 to 1e-2; batches of 16, 32, 64 or 128;
     * adam, adamw, rmsprop or nesterov; He or Xavier initialisation.
     */
    public static final SearchSpace DEFAULT = new SearchSpace(1e-4, 1e-1, List.of(16, 32, 64, 128, 256), 2,
            List.of("relu", "leaky_relu", "tanh"), List.of(0.0, 0.1, 0.2, 0.3, 0.5), 1e-6, 1e-2,
            List.of(16, 32, 64, 128), List.of("adam", "adamw", "rmsprop", "nesterov"), List.of("he", "xavier"));

    /** Checks each range and choice, naming the first that is wrong. */
    public SearchSpace {
        layerSizes = List.copyOf(layerSizes);
        activations = List.copyOf(activations);
        dropouts = List.copyOf(dropouts);
        batches = List.copyOf(batches);
        optimizers = List.copyOf(optimizers);
        initializers = List.copyOf(initializers);
        requireRange("learning rate", minLearningRate, maxLearningRate);
        requireRange("L2 penalty", minL2, maxL2);
        if (maxLayers < 1) {
            throw new IllegalArgumentException("A search needs 1 or more hidden layers at most, got " + maxLayers);
        }
        for (List<?> choices : List.of(layerSizes, activations, dropouts, batches, optimizers, initializers)) {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("Every setting of a search needs at least one choice");
            }
        }
        activations.forEach(Activations::byName);
        optimizers.forEach(Optimizers::defaultLearningRate);
        initializers.forEach(Initializers::byName);
    }

    private static void requireRange(String name, double min, double max) {
        if (!(min > 0 && max >= min && Double.isFinite(max))) {
            throw new IllegalArgumentException("The search's " + name + " range must be positive and ordered, got "
                    + min + " to " + max);
        }
    }

    /** A trial's recipe: {@code base} with the settings this space varies drawn from {@code random}. */
    public Recipe sample(Recipe base, RandomSource random) {
        double learningRate = logUniform(random, minLearningRate, maxLearningRate);
        int layers = 1 + random.nextInt(maxLayers);
        Integer[] hidden = new Integer[layers];
        for (int l = 0; l < layers; l++) {
            hidden[l] = pick(random, layerSizes);
        }
        String activation = pick(random, activations);
        double dropout = pick(random, dropouts);
        double l2 = random.nextDouble() < 0.5 ? 0.0 : logUniform(random, minL2, maxL2);
        int batch = pick(random, batches);
        String optimizer = pick(random, optimizers);
        String init = pick(random, initializers);
        return base.toBuilder().learningRate(learningRate).hidden(hidden).activation(activation).dropout(dropout)
                .l2(l2).batch(batch).optimizer(optimizer).init(init).build();
    }

    private static double logUniform(RandomSource random, double min, double max) {
        return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
    }

    private static <T> T pick(RandomSource random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
