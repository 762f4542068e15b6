package org.nn4j.train;

import java.util.List;
import org.nn4j.nn.Network;
import org.nn4j.optim.Objective;
import org.nn4j.random.RandomSource;

/**
 * The loss over all training rows as an {@link Objective}, which the {@link TrainingLoop} hands to an optimizer that
 * evaluates it at points of its own choosing (L-BFGS): each evaluation has the loop's {@link GradientStep} compute
 * the gradient of all rows, and adds the L2 penalty (λ/2)·Σ‖W‖² to the loss and λ·W to the gradient, so that the
 * loss the optimizer compares is the one whose gradient it follows. The listener hears of the gradients of each
 * epoch's first evaluation, at the weights the epoch started from.
 */
final class FullBatchObjective implements Objective {

    private final Network network;
    private final GradientStep step;
    private final double l2;
    private final TrainingListener listener;
    private final EpochTotals totals = new EpochTotals();

    private int[] order;
    private RandomSource dropout;
    private int epoch;
    private int evaluations;
    private double firstLoss;

    FullBatchObjective(Network network, GradientStep step, double l2, TrainingListener listener) {
        this.network = network;
        this.step = step;
        this.l2 = l2;
        this.listener = listener;
    }

    /**
     * Refuses what full-batch steps cannot do: fewer rows per batch than the training set, dropout (a new mask at
     * every evaluation would make the losses incomparable), clipping (the step must follow the true gradient) and a
     * step that moves the weights itself.
     */
    static void check(TrainingSettings settings, Network network, GradientStep step) {
        String name = settings.optimizer().name();
        if (settings.batchSize() < step.rows()) {
            throw new IllegalArgumentException(name + " takes full-batch steps: the batch size must cover all "
                    + step.rows() + " training rows, got " + settings.batchSize());
        }
        if (network.hasDropout()) {
            throw new IllegalArgumentException(name + " compares the loss at trial points, which dropout's random"
                    + " masks make incomparable; train without dropout");
        }
        if (settings.clipNorm() > 0) {
            throw new IllegalArgumentException(name + " follows the true gradient; leave out gradient clipping"
                    + " (clip norm " + settings.clipNorm() + ")");
        }
        if (step.movesWeights()) {
            throw new IllegalArgumentException(name + " needs the gradient of all rows, but the " + step.name()
                    + " step moves the weights itself");
        }
    }

    /** Readies the evaluations of epoch {@code epoch}, over the rows in {@code order}. */
    void startEpoch(int epoch, int[] order, RandomSource dropout) {
        this.epoch = epoch;
        this.order = order;
        this.dropout = dropout;
        this.evaluations = 0;
    }

    /** The mean loss (without the penalty) of the epoch's first evaluation. */
    double firstLoss() {
        return firstLoss;
    }

    @Override
    public double evaluate() {
        boolean first = evaluations++ == 0;
        int n = step.rows();
        totals.reset(0.0, 0);
        step.compute(network, order, 0, n, dropout, totals);
        double loss = totals.lossSum() / n;
        if (first) {
            firstLoss = loss;
        }
        if (l2 > 0) {
            L2Penalty.addGradient(network, l2);
            loss += L2Penalty.value(network, l2);
        }
        if (first) {
            listener.onGradients(epoch, network.parameters());
        }
        return loss;
    }
}
