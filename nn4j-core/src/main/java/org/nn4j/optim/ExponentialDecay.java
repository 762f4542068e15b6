package org.nn4j.optim;

import org.nn4j.data.NumberText;

/**
 * The learning rate is multiplied by γ after every epoch, as PyTorch's {@code ExponentialLR}:
 * {@code lr(t) = lr₀ · γᵗ} for epoch t counted from 0.
 */
public final class ExponentialDecay implements LearningRateSchedule {

    private final double gamma;

    public ExponentialDecay(double gamma) {
        this.gamma = Optimizer.requirePositive("decay factor gamma", gamma);
    }

    @Override
    public String name() {
        return "exponential(gamma=" + NumberText.format(gamma) + ")";
    }

    @Override
    public double rateAfter(int epoch, double baseRate, double currentRate, double monitored) {
        return baseRate * Math.pow(gamma, epoch);
    }
}
