package org.nn4j.train;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientEngine;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;

/** The settings of a {@link TrainingLoop} run and the hooks that watch it; each has a default. */
public final class TrainingLoopBuilder {

    final Task task;
    final Optimizer optimizer;
    GradientEngine engine = new Backpropagation();
    int batchSize = 32;
    int epochs = 100;
    long seed = 1;
    boolean shuffle = true;
    LearningRateSchedule schedule = LearningRateSchedule.constant();
    double clipNorm;
    double l2;
    EarlyStopping earlyStopping;
    int measureEvery = 1;
    boolean lossAtEpochEnd;
    ClassWeights classWeights;
    int checkpointEvery;
    Consumer<TrainingCheckpoint> checkpointSink = checkpoint -> { };
    BooleanSupplier stopRequest = () -> false;
    boolean checkpointsEnabled;

    TrainingLoopBuilder(Task task, Optimizer optimizer) {
        this.task = Objects.requireNonNull(task, "task");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * The gradient engine; backpropagation by default, which is split over the cores. Any other engine (the
     * numerical estimates) runs on the calling thread.
     */
    public TrainingLoopBuilder engine(GradientEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    /** Samples per mini-batch (default 32); the last batch of an epoch may be smaller. */
    public TrainingLoopBuilder batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** The most epochs to train (default 100); early stopping may end sooner. */
    public TrainingLoopBuilder epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("The number of epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Seeds shuffling and dropout (default 1). */
    public TrainingLoopBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether each epoch visits the rows in a new seeded order (default true). */
    public TrainingLoopBuilder shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    public TrainingLoopBuilder schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /** Clips the gradients' global norm to {@code maxNorm} before each step; 0 (the default) for none. */
    public TrainingLoopBuilder clipNorm(double maxNorm) {
        if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("The gradient norm limit must be 0 (none) or positive, got "
                    + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Adds the penalty (λ/2)·Σ‖W‖² on the weight matrices to the loss; 0 (the default) for none. */
    public TrainingLoopBuilder l2(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("The L2 penalty must be 0 (none) or positive, got " + lambda);
        }
        this.l2 = lambda;
        return this;
    }

    /** Stops when the monitored metric stalls; none by default. */
    public TrainingLoopBuilder earlyStopping(EarlyStopping earlyStopping) {
        this.earlyStopping = earlyStopping;
        return this;
    }

    /**
     * Measures the metrics every {@code epochs} epochs and after the last (default 1: every epoch). The
     * tutorial's long runs report every 100 epochs and would spend most of their time measuring otherwise.
     */
    public TrainingLoopBuilder measureEvery(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("Metrics are measured every 1 or more epochs, got " + epochs);
        }
        this.measureEvery = epochs;
        return this;
    }

    /** Measures the training loss over all rows at the end of each epoch, as the tutorial does (default off). */
    public TrainingLoopBuilder lossAtEpochEnd(boolean atEnd) {
        this.lossAtEpochEnd = atEnd;
        return this;
    }

    /**
     * Weighs each sample's loss by its class (null, the default, for none), in every gradient step, the reported
     * {@code loss} and {@code val_loss} alike, so that the two compare and early stopping watches what training
     * minimises.
     */
    public TrainingLoopBuilder classWeights(ClassWeights weights) {
        task.loss(weights);
        this.classWeights = weights;
        return this;
    }

    /**
     * Hands a {@link TrainingCheckpoint} to {@code sink} after every {@code everyEpochs} epochs (0: never), and
     * whenever training stops on request (see {@link #stopWhen}).
     */
    public TrainingLoopBuilder checkpoints(int everyEpochs, Consumer<TrainingCheckpoint> sink) {
        if (everyEpochs < 0) {
            throw new IllegalArgumentException("Checkpoints are taken every 1 or more epochs (0 for never), got "
                    + everyEpochs);
        }
        this.checkpointEvery = everyEpochs;
        this.checkpointSink = Objects.requireNonNull(sink, "sink");
        this.checkpointsEnabled = true;
        return this;
    }

    /**
     * Asked after every mini-batch; when it answers true, training stops there, hands a checkpoint of that
     * moment to the checkpoint sink, and returns with {@link FitResult#INTERRUPTED}. For Ctrl-C.
     */
    public TrainingLoopBuilder stopWhen(BooleanSupplier stopRequest) {
        this.stopRequest = Objects.requireNonNull(stopRequest, "stopRequest");
        return this;
    }

    public TrainingLoop build() {
        return new TrainingLoop(this);
    }
}
