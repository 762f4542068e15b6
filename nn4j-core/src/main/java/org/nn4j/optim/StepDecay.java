package org.nn4j.optim;

import org.nn4j.data.NumberText;

/**
 * The learning rate is multiplied by γ every {@code stepSize} epochs, as PyTorch's {@code StepLR}:
 * {@code lr(t) = lr₀ · γ^⌊t / stepSize⌋} for epoch t counted from 0. PyTorch's default γ is 0.1.
 */
public final class StepDecay implements LearningRateSchedule {

    private final int stepSize;
    private final double gamma;

    public StepDecay(int stepSize, double gamma) {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("The step size of a step schedule must be at least 1 epoch, got "
                    + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = Optimizer.requirePositive("decay factor gamma", gamma);
    }

    @Override
    public String name() {
        return "step(step_size=" + stepSize + ", gamma=" + NumberText.format(gamma) + ")";
    }

    @Override
    public double rateAfter(int epoch, double baseRate, double currentRate, double monitored) {
        return baseRate * Math.pow(gamma, epoch / stepSize);
    }
}
