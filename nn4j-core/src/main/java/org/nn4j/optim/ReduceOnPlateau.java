package org.nn4j.optim;

import java.util.Map;
import org.nn4j.data.NumberText;

/**
 * Cuts the learning rate when the monitored metric (lower is better, e.g. validation loss) stops improving, as
 * PyTorch's {@code ReduceLROnPlateau} in mode {@code min} with a relative threshold:
 * <pre>
 *   improved  ⇔  value &lt; best · (1 − threshold)
 *   improved:     best ← value, bad ← 0
 *   otherwise:    bad ← bad + 1
 *   bad &gt; patience (and not cooling down):  lr ← max(lr · factor, minRate), bad ← 0, cool down for
 *                 {@code cooldown} epochs (bad epochs are not counted meanwhile)
 * </pre>
 * PyTorch's defaults: factor 0.1, patience 10, threshold 1e-4, cooldown 0, minimum rate 0.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {

    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minRate;

    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownLeft;

    public ReduceOnPlateau(double factor, int patience) {
        this(factor, patience, 1e-4, 0, 0.0);
    }

    public ReduceOnPlateau(double factor, int patience, double threshold, int cooldown, double minRate) {
        if (!(factor > 0.0 && factor < 1.0)) {
            throw new IllegalArgumentException("The reduction factor must lie between 0 and 1, got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new IllegalArgumentException("Patience and cooldown must be 0 or more epochs, got " + patience
                    + " and " + cooldown);
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = Optimizer.requireNonNegative("threshold", threshold);
        this.cooldown = cooldown;
        this.minRate = Optimizer.requireNonNegative("minimum learning rate", minRate);
    }

    @Override
    public String name() {
        return "plateau(factor=" + NumberText.format(factor) + ", patience=" + patience + ")";
    }

    @Override
    public double rateAfter(int epoch, double baseRate, double currentRate, double monitored) {
        if (monitored < best * (1.0 - threshold)) {
            best = monitored;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            badEpochs = 0;
            cooldownLeft = cooldown;
            double reduced = Math.max(currentRate * factor, minRate);
            // As PyTorch: changes smaller than 1e-8 are not made.
            return currentRate - reduced > 1e-8 ? Math.max(reduced, Double.MIN_NORMAL) : currentRate;
        }
        return currentRate;
    }

    @Override
    public Map<String, Double> state() {
        return Map.of("best", best, "bad_epochs", (double) badEpochs, "cooldown_left", (double) cooldownLeft);
    }

    @Override
    public void restoreState(Map<String, Double> state) {
        double savedBest = state.getOrDefault("best", Double.POSITIVE_INFINITY);
        if (Double.isNaN(savedBest)) {
            throw new IllegalArgumentException("The saved best of reduce-on-plateau should be a number, got NaN");
        }
        best = savedBest;
        badEpochs = count(state, "bad_epochs");
        cooldownLeft = count(state, "cooldown_left");
    }

    private static int count(Map<String, Double> state, String key) {
        double value = state.getOrDefault(key, 0.0);
        if (!(value >= 0 && value <= Integer.MAX_VALUE) || value != Math.rint(value)) {
            throw new IllegalArgumentException("The saved " + key + " of reduce-on-plateau should be a whole number of"
                    + " 0 or more, got " + value);
        }
        return (int) value;
    }
}
