package org.nn4j.train;

import java.util.List;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.GradientClipping;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;

/**
 * One run of a {@link TrainingLoop}, from its first epoch (or a checkpoint's) to its result; the loop's class
 * comment says what each epoch does. An epoch and a batch are methods of their own, not the bodies of loops in one
 * method: the just-in-time compiler compiles a method once it has been called often enough, but the body of a loop
 * in a method called once only after many thousands of turns (a million epochs of the tutorial's tiny network spent
 * a third of their time waiting for that).
 */
final class TrainingRun {

    private final TrainingLoop loop;
    private final TrainingSettings settings;
    private final Network network;
    private final GradientStep step;
    private final Validation validation;
    private final TrainingListener listener;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final EarlyStopping earlyStopping;
    private final String plateauMetric;
    private final int rows;
    private final int batchSize;
    private final int batches;
    private final double baseRate;
    private final RunState state;
    private final ParameterRanges ranges;
    private final FullBatchObjective objective;
    private final long dataFingerprint;

    /** The names of the metrics each measured epoch has, in order; their values are filled in by {@link #measure}. */
    private final String[] metricNames;
    private final double[] metricValues;

    private String stopReason = FitResult.COMPLETED;
    /** The last epoch that finished without diverging. */
    private int trained;
    /** The mean loss of the batch {@link #batch} computed last. */
    private double lastBatchLoss;

    /** A run of {@code loop}'s settings, from the start or from {@code from} (null for the start). */
    TrainingRun(TrainingLoop loop, Network network, GradientStep step, Validation validation,
            TrainingListener listener, TrainingCheckpoint from) {
        this.loop = loop;
        this.settings = loop.settings;
        this.network = network;
        this.step = step;
        this.validation = validation;
        this.listener = listener;
        this.optimizer = settings.optimizer();
        this.schedule = settings.schedule();
        this.earlyStopping = settings.earlyStopping();
        this.plateauMetric = validation != null ? "val_loss" : "loss";
        this.rows = step.rows();
        this.batchSize = settings.batchSize();
        this.batches = (rows + batchSize - 1) / batchSize;
        this.baseRate = optimizer.learningRate();
        this.state = new RunState(network, rows, settings.seed(), earlyStopping != null && earlyStopping.restoreBest());
        this.ranges = new ParameterRanges(network.parameters());
        this.objective = optimizer.needsObjective()
                ? new FullBatchObjective(network, step, settings.l2(), listener) : null;
        // Only runs that may write or read checkpoints need the checksum of the data.
        this.dataFingerprint = from != null || loop.checkpointsEnabled ? step.fingerprint() : 0;
        if (from != null) {
            state.restore(from, network, optimizer, schedule, batches);
        }
        this.trained = state.epoch - 1;
        this.metricNames = metricNames(settings.task().isClassification(), validation != null);
        this.metricValues = new double[metricNames.length];
    }

    private static String[] metricNames(boolean classification, boolean validated) {
        if (classification) {
            return validated ? new String[] {"loss", "accuracy", "val_loss", "val_accuracy"}
                    : new String[] {"loss", "accuracy"};
        }
        return validated ? new String[] {"loss", "val_loss"} : new String[] {"loss"};
    }

    FitResult run() {
        for (; state.epoch <= settings.epochs(); state.epoch++) {
            FitResult interrupted = epoch(state.epoch);
            if (interrupted != null) {
                return interrupted;
            }
            if (!stopReason.equals(FitResult.COMPLETED)) {
                break;
            }
        }
        int bestEpoch = trained;
        if (state.best != null && state.bestEpoch > 0) {
            network.copyWeightsFrom(state.best);
            bestEpoch = state.bestEpoch;
        }
        return new FitResult(state.history, trained, bestEpoch, stopReason);
    }

    /**
     * One epoch: its batches, its metrics, the schedule's next rate, early stopping and checkpoints. Returns the
     * result when a stop request ends the run here (null otherwise); sets {@link #stopReason} when the run stops
     * after this epoch.
     */
    private FitResult epoch(int epoch) {
        // What a diverged epoch rolls back to. An epoch of one batch whose gradients are checked before its only
        // step, with no metrics measured after it, stops (if at all) before the weights change: it needs no copy,
        // which was a sixth of the tutorial's epoch.
        boolean keepsStart = batches > 1 || objective != null || step.movesWeights() || settings.measures(epoch);
        if (state.nextBatch == 0) {
            if (settings.shuffle()) {
                state.shuffling.shuffle(state.order);
            }
            if (keepsStart) {
                state.epochStart.copyWeightsFrom(network);
            }
            state.totals.reset(0.0, 0);
        }
        listener.onEpochStart(epoch, batches);
        boolean diverged = false;
        for (int b = state.nextBatch; b < batches; b++) {
            if (!batch(epoch, b)) {
                diverged = true;
                break;
            }
            state.nextBatch = b + 1;
            listener.onBatch(epoch, b + 1, batches, lastBatchLoss);
            if (loop.stopRequest.getAsBoolean() && b + 1 < batches) {
                TrainingCheckpoint here = state.snapshot(network, optimizer, schedule, loop.initialSettings,
                        dataFingerprint);
                loop.checkpointSink.accept(here);
                return here.resultSoFar(FitResult.INTERRUPTED);
            }
        }
        state.nextBatch = 0;

        EpochMetrics metrics = diverged || !settings.measures(epoch) ? null : measure();
        if (diverged || metrics != null && !metrics.allFinite()) {
            if (keepsStart) {
                network.copyWeightsFrom(state.epochStart);
            }
            stopReason = FitResult.DIVERGED;
            return null;
        }
        trained = epoch;
        double monitored = Double.NaN;
        if (metrics != null) {
            EpochRecord record = new EpochRecord(epoch, optimizer.learningRate(), metrics);
            state.history.add(record);
            listener.onEpoch(record);
            monitored = record.get(plateauMetric);
            if (earlyStopping != null && stopsEarly(epoch, record.get(earlyStopping.monitor()))) {
                stopReason = FitResult.EARLY_STOPPING;
                return null;
            }
        }
        optimizer.setLearningRate(schedule.rateAfter(epoch, baseRate, optimizer.learningRate(), monitored));
        boolean stopping = loop.stopRequest.getAsBoolean();
        // After the last epoch, a run that keeps checkpoints keeps one more, from which it can be extended.
        boolean last = epoch == settings.epochs();
        if (last ? loop.checkpointEvery > 0
                : stopping || loop.checkpointEvery > 0 && epoch % loop.checkpointEvery == 0) {
            state.epoch = epoch + 1;
            TrainingCheckpoint next = state.snapshot(network, optimizer, schedule, loop.initialSettings,
                    dataFingerprint);
            state.epoch = epoch;
            loop.checkpointSink.accept(next);
            if (stopping && !last) {
                return next.resultSoFar(FitResult.INTERRUPTED);
            }
        }
        return null;
    }

    /** Batch {@code b} of the epoch: its gradient and the optimizer's step. False when it diverged. */
    private boolean batch(int epoch, int b) {
        if (objective != null) {
            // One batch of all rows, in which the optimizer evaluates the loss wherever it needs to.
            objective.startEpoch(epoch, state.order, state.dropout);
            optimizer.step(network.parameters(), objective);
            lastBatchLoss = objective.firstLoss();
            return Double.isFinite(lastBatchLoss) && finiteWeights(network);
        }
        int first = b * batchSize;
        int count = Math.min(batchSize, rows - first);
        double before = state.totals.lossSum();
        step.compute(network, state.order, first, count, state.dropout, state.totals);
        lastBatchLoss = (state.totals.lossSum() - before) / count;
        if (step.movesWeights()) {
            return Double.isFinite(lastBatchLoss) && finiteWeights(network);
        }
        if (settings.l2() > 0) {
            L2Penalty.addGradient(network, settings.l2());
        }
        if (!Double.isFinite(lastBatchLoss) || !ranges.gradientsFinite()) {
            return false;
        }
        listener.onGradients(epoch, network.parameters());
        if (settings.clipNorm() > 0) {
            GradientClipping.clipGlobalNorm(network.parameters(), settings.clipNorm());
        }
        ranges.step(optimizer);
        return true;
    }

    /** Whether early stopping ends the run after this epoch, whose monitored metric is {@code value}. */
    private boolean stopsEarly(int epoch, double value) {
        if (earlyStopping.improves(value, state.bestValue)) {
            state.bestValue = value;
            state.bestEpoch = epoch;
            state.epochsWithoutImprovement = 0;
            if (state.best != null) {
                state.best.copyWeightsFrom(network);
            }
            return false;
        }
        return ++state.epochsWithoutImprovement >= earlyStopping.patience();
    }

    /** The epoch's metrics: training loss (and accuracy), then validation loss (and accuracy). */
    private EpochMetrics measure() {
        boolean classification = settings.task().isClassification();
        int count = 0; // metricNames says which are measured; they are filled in its order
        if (settings.lossAtEpochEnd() || optimizer.needsObjective()) {
            Measurement m = step.measure(network);
            metricValues[count++] = m.loss();
            if (classification) {
                metricValues[count++] = m.accuracy();
            }
        } else {
            EpochTotals totals = state.totals;
            metricValues[count++] = totals.lossSum() / rows;
            if (classification) {
                metricValues[count++] = (double) totals.correct() / rows;
            }
        }
        if (validation != null) {
            Measurement m = validation.measure(network);
            metricValues[count++] = m.loss();
            if (classification) {
                metricValues[count++] = m.accuracy();
            }
        }
        return EpochMetrics.of(metricNames, metricValues);
    }

    private static boolean finiteWeights(Network network) {
        List<Parameter> parameters = network.parameters();
        for (int i = 0, n = parameters.size(); i < n; i++) {
            if (!parameters.get(i).value().isFinite()) {
                return false;
            }
        }
        return true;
    }
}
