package org.nn4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nn4j.nn.Network;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;
import org.nn4j.random.SplitMix64;

/**
 * Where a {@link TrainingLoop} run stands, as the loop updates it: the position (epoch, batch, row order), the
 * epoch's running totals, both random generators, the history, what early stopping remembers, and the weights to
 * fall back on. Everything a checkpoint needs besides the network, the optimizer and the schedule lives here, so a
 * checkpoint is one {@link #snapshot}.
 */
final class RunState {

    int epoch = 1;
    int nextBatch;
    int[] order;
    final EpochTotals totals = new EpochTotals();
    SplitMix64 shuffling;
    SplitMix64 dropout;
    final List<EpochRecord> history = new ArrayList<>();
    double bestValue = Double.NaN;
    int bestEpoch;
    int epochsWithoutImprovement;
    /** The weights at the start of the epoch in progress, to go back to when it diverges. */
    final Network epochStart;
    /** The weights of the best epoch, when early stopping restores them; else null. */
    final Network best;

    /** A fresh run over {@code rows} rows, its generators seeded from {@code seed}. */
    RunState(Network network, int rows, long seed, boolean keepBest) {
        order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        shuffling = SplitMix64.seeded(seed);
        dropout = SplitMix64.seeded(seed * 0x9E3779B97F4A7C15L + 1);
        epochStart = network.copy();
        best = keepBest ? network.copy() : null;
    }

    /** Continues from {@code from}: loads its weights into {@code network} and everything else into this state. */
    void restore(TrainingCheckpoint from, Network network, Optimizer optimizer, LearningRateSchedule schedule,
            int batches) {
        network.copyWeightsFrom(from.weights());
        epochStart.copyWeightsFrom(from.epochStart());
        if (best != null && from.best() != null) {
            best.copyWeightsFrom(from.best());
        }
        shuffling = SplitMix64.fromState(from.shufflingState());
        dropout = SplitMix64.fromState(from.dropoutState());
        optimizer.restoreState(network.parameters(), from.optimizerState());
        optimizer.setLearningRate(from.learningRate());
        schedule.restoreState(from.scheduleState());
        history.addAll(from.history());
        bestValue = from.bestValue();
        bestEpoch = from.bestEpoch();
        epochsWithoutImprovement = from.epochsWithoutImprovement();
        epoch = from.epoch();
        nextBatch = from.nextBatch();
        int[] saved = from.order();
        if (saved.length != order.length || nextBatch > batches) {
            throw new IllegalArgumentException("The checkpoint stopped after mini-batch " + nextBatch
                    + " of an epoch over " + saved.length + " rows; this run has " + order.length + " rows in "
                    + batches + " batches");
        }
        order = saved;
        totals.reset(from.lossSum(), from.correct());
    }

    /**
     * The run as it stands, complete enough to continue bit for bit. Between epochs ({@code nextBatch == 0}) the
     * epoch in progress is the next one, which starts from the current weights.
     */
    TrainingCheckpoint snapshot(Network network, Optimizer optimizer, LearningRateSchedule schedule,
            Map<String, String> settings, long dataFingerprint) {
        boolean between = nextBatch == 0;
        return new TrainingCheckpoint(epoch, nextBatch, order, between ? 0.0 : totals.lossSum(),
                between ? 0 : (int) totals.correct(), shuffling.state(), dropout.state(), optimizer.learningRate(),
                history, bestValue, bestEpoch, epochsWithoutImprovement, network.copy(),
                between ? network.copy() : epochStart.copy(), best != null ? best.copy() : null,
                optimizer.state(network.parameters()), schedule.state(), settings, dataFingerprint);
    }
}
