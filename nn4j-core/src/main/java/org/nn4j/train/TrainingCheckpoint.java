package org.nn4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.nn.Network;

/**
 * Where a {@link TrainingLoop} run stands, complete enough to continue it bit for bit: the weights, the
 * optimizer's and the schedule's state, both random generators, the position inside the epoch, and what early
 * stopping and the history remember: a snapshot of the loop's run state. {@link TrainingLoop#resume} continues
 * from one; a resumed run ends with
 * exactly the weights the uninterrupted run would have.
 *
 * @param epoch the epoch in progress, or the next to start (from 1)
 * @param nextBatch how many mini-batches of that epoch are done; 0 when it has not started
 * @param order the order of the training rows in the epoch in progress, or in the last one when the next has not
 *     started (each epoch shuffles the order the previous one left)
 * @param lossSum the epoch's loss so far, summed over its samples
 * @param correct the epoch's correctly classified samples so far
 * @param shufflingState the state of the generator that shuffles the rows
 * @param dropoutState the state of the generator that draws dropout masks
 * @param learningRate the optimizer's current learning rate
 * @param history the records of the finished epochs
 * @param bestValue early stopping's best value of the watched metric (NaN before the first)
 * @param bestEpoch the epoch of that value (0 before the first)
 * @param epochsWithoutImprovement epochs since then
 * @param weights the network now
 * @param epochStart the network at the start of the epoch in progress, to roll back to if it diverges
 * @param best the network at the best epoch, when early stopping restores it; else null
 * @param optimizerState the optimizer's buffers ({@link org.nn4j.optim.Optimizer#state})
 * @param scheduleState the schedule's memory ({@link org.nn4j.optim.LearningRateSchedule#state})
 * @param settings the trainer's settings at the start of the run, which a resumed run must share
 * @param dataFingerprint a checksum of the training data, which a resumed run must share
 */
public record TrainingCheckpoint(int epoch, int nextBatch, int[] order, double lossSum, int correct,
        long shufflingState, long dropoutState, double learningRate, List<EpochRecord> history, double bestValue,
        int bestEpoch, int epochsWithoutImprovement, Network weights, Network epochStart, Network best,
        Map<String, double[]> optimizerState, Map<String, Double> scheduleState, Map<String, String> settings,
        long dataFingerprint) {

    public TrainingCheckpoint {
        order = order.clone();
        history = List.copyOf(history);
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        scheduleState = Map.copyOf(scheduleState);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        if (epoch < 1 || nextBatch < 0) {
            throw new IllegalArgumentException("A checkpoint's position is epoch " + epoch + ", batch " + nextBatch
                    + "; expected an epoch from 1 and a batch from 0");
        }
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    /** The epochs finished, with their metrics, as {@link FitResult#toSeries} gives them. */
    public FitResult resultSoFar(String stopReason) {
        return new FitResult(new ArrayList<>(history), epoch - 1, bestEpoch > 0 ? bestEpoch : epoch - 1, stopReason);
    }

    /** Where the run stands, in words: e.g. "epoch 7, after batch 12 of its batches". */
    public String position() {
        return nextBatch == 0 ? "before epoch " + epoch : "epoch " + epoch + ", after mini-batch " + nextBatch;
    }
}
