package org.nn4j.cli;

import org.nn4j.optim.LineSearch;
import org.nn4j.recipe.RecipeBuilder;
import picocli.CommandLine.Option;

/** The optimizer, its learning rate and schedule, and the penalties on the gradient. */
final class OptimizerOptions {

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, rmsprop, adam, adamw, or lbfgs (full batch: one step per epoch"
                    + " over all training rows). Default: adam.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate. Default: 0.001 for adam and adamw, 1 for lbfgs, 0.01 for the others.")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum of momentum and nesterov. Default: 0.9.")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "Weight decay in the optimizer (decoupled for adamw). Default: 0 (adamw: 0.01).")
    Double weightDecay;

    @Option(names = "--lbfgs-history", paramLabel = "N",
            description = "Pairs of past steps and gradient changes lbfgs keeps to estimate the curvature."
                    + " Default: 100.")
    Integer lbfgsHistory;

    @Option(names = "--line-search", paramLabel = "NAME",
            description = "How lbfgs chooses each step's length: none (steps of --lr) or strong_wolfe. Default: none.")
    String lineSearch;

    @Option(names = "--l2", paramLabel = "LAMBDA",
            description = "L2 penalty (LAMBDA/2)·Σ‖W‖² on the weight matrices. Default: 0.")
    Double l2;

    @Option(names = "--clip-norm", paramLabel = "MAX",
            description = "Clip the gradients' global norm to MAX before each step. Default: no clipping.")
    Double clipNorm;

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "constant, step[:SIZE:GAMMA], exponential[:GAMMA], cosine[:T_MAX:MIN_LR] or "
                    + "plateau[:FACTOR:PATIENCE]. Default: constant.")
    String schedule;

    void applyTo(RecipeBuilder recipe) {
        if (optimizer != null) {
            recipe.optimizer(optimizer);
        }
        if (learningRate != null) {
            recipe.learningRate(learningRate);
        }
        if (momentum != null) {
            recipe.momentum(momentum);
        }
        if (weightDecay != null) {
            recipe.weightDecay(weightDecay);
        }
        if ((lbfgsHistory != null || lineSearch != null) && !"lbfgs".equalsIgnoreCase(optimizer)) {
            throw new IllegalArgumentException((lbfgsHistory != null ? "--lbfgs-history" : "--line-search")
                    + " applies to --optimizer lbfgs, not " + (optimizer != null ? optimizer : "adam (the default)"));
        }
        if (lbfgsHistory != null) {
            recipe.lbfgsHistory(lbfgsHistory);
        }
        if (lineSearch != null) {
            recipe.lineSearch(LineSearch.byName(lineSearch));
        }
        if (l2 != null) {
            recipe.l2(l2);
        }
        if (clipNorm != null) {
            recipe.clipNorm(clipNorm);
        }
        if (schedule != null) {
            recipe.schedule(schedule);
        }
    }
}
