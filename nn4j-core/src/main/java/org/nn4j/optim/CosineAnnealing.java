package org.nn4j.optim;

import org.nn4j.data.NumberText;

/**
 * The learning rate follows half a cosine from lr₀ down to a floor over {@code tMax} epochs, as PyTorch's
 * {@code CosineAnnealingLR} (in its closed form):
 * {@code lr(t) = η_min + (lr₀ − η_min)·(1 + cos(π·t / T_max)) / 2} for epoch t counted from 0. After T_max epochs
 * the rate stays at η_min, where PyTorch's would climb back up along the cosine. PyTorch's default η_min is 0.
 */
public final class CosineAnnealing implements LearningRateSchedule {

    private final int tMax;
    private final double minRate;

    public CosineAnnealing(int tMax, double minRate) {
        if (tMax <= 0) {
            throw new IllegalArgumentException("A cosine schedule needs a period T_max of at least 1 epoch, got "
                    + tMax);
        }
        this.tMax = tMax;
        this.minRate = Optimizer.requireNonNegative("minimum learning rate", minRate);
    }

    @Override
    public String name() {
        return "cosine(t_max=" + tMax + ", eta_min=" + NumberText.format(minRate) + ")";
    }

    @Override
    public double rateAfter(int epoch, double baseRate, double currentRate, double monitored) {
        int t = Math.min(epoch, tMax);
        double rate = minRate + (baseRate - minRate) * (1.0 + Math.cos(Math.PI * t / tMax)) / 2.0;
        // The optimizer refuses a rate of 0; a floor of 0 is reached as the smallest positive step instead.
        return Math.max(rate, Double.MIN_NORMAL);
    }
}
