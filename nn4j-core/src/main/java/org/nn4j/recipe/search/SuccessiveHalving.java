package org.nn4j.recipe.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The epoch budgets of successive halving (Jamieson and Talwalkar, 2016; the budget-aware method of Keras Tuner's
 * and Optuna's pruners): every trial trains for the first rung's epochs, the best {@code 1/eta} of them (rounded
 * up) continue to the next rung, {@code eta} times longer, and so on until the last rung trains the survivors to
 * the full epoch budget.
 *
 * <p>The rungs are {@code minEpochs·eta^k} for k = 0, 1, … while below {@code maxEpochs}, then {@code maxEpochs}.
 * With nn4j's defaults (10, 200, eta 3): 10, 30, 90 and 200 epochs, and 20 trials narrow to 7, 3 and 1 (plus
 * the search's baseline, see {@link HyperparameterSearch}).
 *
 * @param minEpochs the first rung's epochs, at least 1
 * @param maxEpochs the last rung's epochs, at least {@code minEpochs}
 * @param eta how much each rung narrows the trials and lengthens their training, at least 2
 */
public record SuccessiveHalving(int minEpochs, int maxEpochs, int eta) {

    /** The first rung's epochs unless asked otherwise. */
    public static final int DEFAULT_MIN_EPOCHS = 10;
    /** The narrowing factor unless asked otherwise, as Hyperband's authors recommend. */
    public static final int DEFAULT_ETA = 3;

    public SuccessiveHalving {
        if (minEpochs < 1) {
            throw new IllegalArgumentException("The first rung needs 1 or more epochs, got " + minEpochs);
        }
        if (maxEpochs < minEpochs) {
            throw new IllegalArgumentException("The most epochs (" + maxEpochs + ") must be at least the first"
                    + " rung's (" + minEpochs + ")");
        }
        if (eta < 2) {
            throw new IllegalArgumentException("Successive halving's eta must be 2 or more (each rung keeps 1/eta"
                    + " of the trials), got " + eta);
        }
    }

    /** The default rungs for a recipe that trains at most {@code maxEpochs}. */
    public static SuccessiveHalving upTo(int maxEpochs) {
        return new SuccessiveHalving(Math.min(DEFAULT_MIN_EPOCHS, maxEpochs), maxEpochs, DEFAULT_ETA);
    }

    /** The epochs each rung trains its trials to, in order; the last is {@link #maxEpochs}. */
    public List<Integer> rungs() {
        List<Integer> rungs = new ArrayList<>();
        for (long epochs = minEpochs; epochs < maxEpochs; epochs *= eta) {
            rungs.add((int) epochs);
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    /** How many of {@code trials} ranked trials go on to the next rung: {@code ⌈trials / eta⌉}. */
    public int survivors(int trials) {
        return (trials + eta - 1) / eta;
    }

    /**
     * The trials that go on to the next rung: the first {@link #survivors} of {@code ranked}, which holds a rung's
     * trials best first.
     */
    public <T> List<T> advancing(List<T> ranked) {
        return List.copyOf(ranked.subList(0, survivors(ranked.size())));
    }
}
