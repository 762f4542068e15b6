package org.nn4j.train;

import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

/**
 * What varies between the places training runs: computing the gradient of some training rows. The
 * {@link TrainingLoop} decides which rows form each mini-batch, in which order, and what happens with the gradient
 * (L2, clipping, the optimizer, schedules, early stopping, checkpoints); a step only computes. nn4j has a step on the
 * calling thread for any {@link org.nn4j.grad.GradientEngine} ({@link EngineStep}), one that splits each mini-batch
 * over the machine's cores ({@link DataParallelStep}), and, in {@code nn4j-spark}, one that spreads it over a
 * cluster.
 *
 * <p>A step knows where its rows live; the loop refers to them by index, from 0 to {@link #rows()}.
 */
public interface GradientStep extends AutoCloseable {

    /** How the gradient is computed, for reports and the training record, e.g. {@code backprop}. */
    String name();

    /** The number of training rows. */
    int rows();

    /** A checksum of the training rows: a resumed run must train on the same data. */
    long fingerprint();

    /**
     * Writes into {@code network}'s parameter gradients the gradient of the mean loss over the rows
     * {@code order[from]}, …, {@code order[from + count − 1]} at the network's current weights, and adds those rows'
     * summed loss and correctly classified count to {@code totals}. When the network has dropout, masks are drawn
     * from {@code dropout}. The weights are the same afterwards as before.
     */
    void compute(Network network, int[] order, int from, int count, RandomSource dropout, EpochTotals totals);

    /**
     * The mean loss and (for classification) the accuracy over all training rows at the network's current weights,
     * in inference mode (no dropout).
     */
    Measurement measure(Network network);

    /**
     * True for a step that moves the weights itself instead of computing a gradient (parameter averaging: workers
     * take steps of their own and the step averages their weights). The loop then adds no penalty, clips nothing
     * and takes no optimizer step; the listener hears of no gradients. False by default.
     */
    default boolean movesWeights() {
        return false;
    }

    /** Releases what the step holds (threads, cached rows on a cluster); the default holds nothing. */
    @Override
    default void close() {
    }
}
