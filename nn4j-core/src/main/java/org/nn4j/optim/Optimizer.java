package org.nn4j.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.nn.Parameter;

/**
 * Updates parameters from their gradients. Knows nothing of layers: only values and gradients. An optimizer with
 * per-parameter state (momentum, moment estimates) keeps it for each {@link Parameter} it has seen, so one
 * optimizer serves one network.
 *
 * <p>The learning rate is mutable so that a {@link LearningRateSchedule} can change it between epochs, as
 * PyTorch's schedulers change a parameter group's {@code lr}.
 */
public interface Optimizer {

    /** A short description for reports, e.g. {@code adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)}. */
    String name();

    /**
     * Applies one update to every parameter from its current gradient. Implementations loop over the list by index
     * and keep their state in arrays, so that a step allocates nothing once every parameter has been seen. By
     * default, {@link #prepare} and then {@link #update} over every element: optimizers that split their step
     * implement those two, the others this.
     */
    default void step(List<Parameter> parameters) {
        prepare(parameters);
        for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
            update(p, 0, p.value().size());
        }
    }

    /**
     * True when {@link #step} splits into {@link #prepare} and {@link #update}, so that threads can update ranges of
     * elements at once. Doing {@code prepare} and then {@code update} over every element of every parameter, in any
     * order and on any threads, gives exactly the bits of {@code step}. False by default.
     */
    default boolean splitsIntoRanges() {
        return false;
    }

    /** The part of a step done once per parameter (step counts, bias corrections), before the updates. */
    default void prepare(List<Parameter> parameters) {
        throw new UnsupportedOperationException(name() + " takes its steps whole");
    }

    /** Updates the elements {@code from} (inclusive) to {@code to} of {@code p}, after {@link #prepare}. */
    default void update(Parameter p, int from, int to) {
        throw new UnsupportedOperationException(name() + " takes its steps whole");
    }

    /**
     * True for an optimizer that evaluates the loss at points of its own choosing ({@link Lbfgs}): the loop then
     * trains on all rows at once and calls {@link #step(List, Objective)} once per epoch. False by default.
     */
    default boolean needsObjective() {
        return false;
    }

    /**
     * One step that may evaluate {@code objective} as often as it needs, as PyTorch's {@code step(closure)}; returns
     * the loss at the values the step started from. By default, one evaluation and then {@link #step(List)}.
     */
    default double step(List<Parameter> parameters, Objective objective) {
        double loss = objective.evaluate();
        step(parameters);
        return loss;
    }

    /** The learning rate the next {@link #step} uses. */
    double learningRate();

    /** Sets the learning rate for the following steps; it must be a finite number above 0. */
    void setLearningRate(double learningRate);

    /**
     * What the optimizer carries from step to step for {@code parameters} (momentum buffers, moment estimates,
     * step counts), as named arrays, for checkpoints. Empty for a stateless optimizer.
     */
    default Map<String, double[]> state(List<Parameter> parameters) {
        return Map.of();
    }

    /** Continues from a state saved with {@link #state}, so that the next step is the one that would have come. */
    default void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(name() + " keeps no state, but the checkpoint holds "
                    + String.join(", ", state.keySet()));
        }
    }

    /** Checks a learning rate, naming the value when it is not a positive finite number. */
    static double requirePositive(String what, double value) {
        if (!(value > 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("The " + what + " must be a positive number, got " + value);
        }
        return value;
    }

    /** Checks a hyperparameter that must lie in [0, 1), naming it when not. */
    static double requireFraction(String what, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException("The " + what + " must be at least 0 and below 1, got " + value);
        }
        return value;
    }

    /** Checks a hyperparameter that must be a finite number of 0 or more. */
    static double requireNonNegative(String what, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("The " + what + " must be 0 or a positive number, got " + value);
        }
        return value;
    }
}
