package org.nn4j.optim;

import java.util.Map;

/**
 * How the learning rate changes from epoch to epoch. After each epoch the training loop asks the schedule for the
 * rate of the next one and sets it on the optimizer, as PyTorch's {@code scheduler.step()} does once per epoch.
 * A schedule may keep state (reduce-on-plateau does), so use one per training run.
 */
public interface LearningRateSchedule {

    /** A short description for reports, e.g. {@code step(step_size=30, gamma=0.1)}. */
    String name();

    /**
     * The learning rate for epoch {@code epoch + 1}, after {@code epoch} epochs (from 1) have finished.
     *
     * @param baseRate the learning rate training started with
     * @param currentRate the learning rate of the epoch that just finished
     * @param monitored the value of the monitored metric after that epoch (reduce-on-plateau watches it)
     */
    double rateAfter(int epoch, double baseRate, double currentRate, double monitored);

    /** The same rate throughout. */
    static LearningRateSchedule constant() {
        return new ConstantRate();
    }

    /** What the schedule remembers between epochs, for checkpoints; empty for a schedule that is a formula. */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Continues from a state saved with {@link #state}. */
    default void restoreState(Map<String, Double> state) {
    }
}
