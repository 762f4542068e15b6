package org.nn4j.optim;

/** The learning rate never changes: {@code lr(t) = lr₀}. */
public final class ConstantRate implements LearningRateSchedule {

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public double rateAfter(int epoch, double baseRate, double currentRate, double monitored) {
        return baseRate;
    }
}
