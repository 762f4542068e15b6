package org.nn4j.recipe.search;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.optim.Optimizers;
import org.nn4j.random.RandomSource;
import org.nn4j.recipe.Recipe;

/**
 * Where a hyperparameter search looks: first next to the base recipe ({@link #near}), then at random. A random
 * trial's settings are drawn independently of each other, in the order of the components below:
 * <ul>
 *   <li>learning rate: the drawn optimizer's default learning rate times a factor log-uniform in
 *       {@code [minLearningRateFactor, maxLearningRateFactor]}, so that each optimizer is tried on its own scale
 *       (Adam near 1e-3, SGD with momentum near 1e-2) and ×0.1…×1 is as likely as ×1…×10;</li>
 *   <li>hidden layers: 1 to {@code maxLayers} layers (uniform), each of a size drawn from {@code layerSizes};</li>
 *   <li>activation, dropout, batch size, optimizer and initialiser: uniform over their choices;</li>
 *   <li>L2 penalty: none with probability 1/2, else log-uniform in {@code [minL2, maxL2]}.</li>
 * </ul>
 * Every other setting (epochs, early stopping, split, seed, task) stays as the base recipe has it.
 */
public record SearchSpace(double minLearningRateFactor, double maxLearningRateFactor, List<Integer> layerSizes,
        int maxLayers,
        List<String> activations, List<Double> dropouts, double minL2, double maxL2, List<Integer> batches,
        List<String> optimizers, List<String> initializers) {

    /**
     * nn4j's search space: the optimizer's default learning rate ×0.1 to ×10; 1 or 2 hidden layers of 16, 32, 64, 128 or 256 units; relu,
     * leaky_relu or tanh; dropout 0, 0.1, 0.2, 0.3 or 0.5; L2 none or 1e-6 to 1e-2; batches of 16, 32, 64 or 128;
     * adam, adamw, rmsprop or nesterov; He or Xavier initialisation.
     */
    public static final SearchSpace DEFAULT = new SearchSpace(0.1, 10, List.of(16, 32, 64, 128, 256), 2,
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
        requireRange("learning-rate factor", minLearningRateFactor, maxLearningRateFactor);
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

    /**
     * The recipes next to {@code base} that a search tries before its random draws, each changing one or two
     * settings that most often pay on a table: twice the units in every hidden layer, an L2 penalty (1e-4, or ten
     * times the base's), both, and three times the learning rate. Random draws over eight settings seldom land this
     * close to a good base; these do. Variants equal to the base or to an earlier one are left out.
     */
    public List<Recipe> near(Recipe base) {
        double l2 = base.l2() > 0 ? base.l2() * 10 : 1e-4;
        Integer[] wider = base.hidden().stream().map(units -> units * 2).toArray(Integer[]::new);
        double learningRate = base.learningRate() != null ? base.learningRate()
                : Optimizers.defaultLearningRate(base.optimizer());
        List<Recipe> variants = new ArrayList<>();
        for (Recipe variant : List.of(base.toBuilder().hidden(wider).build(), base.toBuilder().l2(l2).build(),
                base.toBuilder().hidden(wider).l2(l2).build(),
                base.toBuilder().learningRate(learningRate * 3).build())) {
            if (!variant.equals(base) && !variants.contains(variant)) {
                variants.add(variant);
            }
        }
        return variants;
    }

    /** A random trial's recipe: {@code base} with the settings this space varies drawn from {@code random}. */
    public Recipe sample(Recipe base, RandomSource random) {
        double learningRateFactor = logUniform(random, minLearningRateFactor, maxLearningRateFactor);
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
        double learningRate = Optimizers.defaultLearningRate(optimizer) * learningRateFactor;
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
