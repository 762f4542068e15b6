package org.nn4j.cli;

import org.nn4j.grad.GradientMethod;
import org.nn4j.recipe.RecipeBuilder;
import org.nn4j.tensor.Kernels;
import picocli.CommandLine.Option;

/** How long and in what steps the training loop runs, and on how many threads. */
final class LoopOptions {

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size. Default: 32.")
    Integer batch;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs to train. Default: 200.")
    Integer epochs;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the monitored metric has not improved for PATIENCE epochs, and keep the best "
                    + "weights; 0 turns it off. Default: 20.")
    Integer patience;

    @Option(names = "--monitor", paramLabel = "METRIC",
            description = "What early stopping watches: val_loss, val_accuracy, loss or accuracy. Default: val_loss "
                    + "(loss without a validation set).")
    String monitor;

    @Option(names = "--class-weight", paramLabel = "WEIGHTS",
            description = "How much each class counts in the loss, training and validation alike: none, balanced (rows"
                    + " / (classes × rows of the class), counted on the training rows, as scikit-learn) or one weight"
                    + " per class in the order of the sorted class names, such as 1,19. Default: none.")
    String classWeight;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "Gradient: backprop, numerical or central. Default: backprop.")
    String method;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the split, the initial weights, shuffling and dropout. Default: 1.")
    Long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads to train on: each mini-batch is split over them. The weights come out the same"
                    + " for any number. Default: every processor.")
    Integer threads;

    void applyTo(RecipeBuilder recipe) {
        if (batch != null) {
            recipe.batch(batch);
        }
        if (epochs != null) {
            recipe.epochs(epochs);
        }
        if (patience != null) {
            recipe.patience(patience);
        }
        if (monitor != null) {
            recipe.monitor(monitor);
        }
        if (classWeight != null) {
            recipe.classWeight(classWeight);
        }
        if (method != null) {
            recipe.method(GradientMethod.byName(method));
        }
        if (seed != null) {
            recipe.seed(seed);
        }
    }

    /** Sets the number of threads for this process, when given. */
    void applyThreads() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads takes 1 or more, got " + threads);
            }
            Kernels.setThreads(threads);
        }
    }
}
