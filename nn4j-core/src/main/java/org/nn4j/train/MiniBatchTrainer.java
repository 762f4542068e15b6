package org.nn4j.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientEngine;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.GradientClipping;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Mini-batch training, the loop of PyTorch tutorials and Keras's {@code fit}. Each epoch shuffles the training
 * rows (seeded), and for each mini-batch computes the gradient of the mean loss, adds the L2 penalty's gradient,
 * clips by global norm, and lets the optimizer step. After the epoch it measures:
 * <ul>
 *   <li>{@code loss} (and {@code accuracy} for classification): the mean over the epoch's mini-batches, as Keras
 *       reports them, measured while the weights moved and with dropout active; the L2 penalty is not
 *       included, so {@code loss} compares with {@code val_loss};</li>
 *   <li>{@code val_loss} and {@code val_accuracy}, when a validation set is given: at the epoch's final weights,
 *       in inference mode (no dropout).</li>
 * </ul>
 * Then the learning-rate schedule sets the next epoch's rate, and early stopping decides whether to go on. If a
 * loss or gradient stops being a finite number, the network goes back to its weights at the start of that epoch
 * and training stops ({@link FitResult#DIVERGED}).
 *
 * <p>The same network, data and settings give the same weights bit for bit: shuffling and dropout draw from
 * generators seeded by {@link Builder#seed}.
 */
public final class MiniBatchTrainer {

    private final Task task;
    private final Optimizer optimizer;
    private final GradientEngine engine;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final double clipNorm;
    private final double l2;
    private final EarlyStopping earlyStopping;
    private final int checkpointEvery;
    private final Consumer<TrainingCheckpoint> checkpointSink;
    private final BooleanSupplier stopRequest;
    private final Map<String, String> initialSettings;
    private final boolean checkpointsEnabled;

    private MiniBatchTrainer(Builder b) {
        this.task = b.task;
        this.optimizer = b.optimizer;
        this.engine = b.engine;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.l2 = b.l2;
        this.earlyStopping = b.earlyStopping;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointSink = b.checkpointSink;
        this.stopRequest = b.stopRequest;
        this.checkpointsEnabled = b.checkpointsEnabled;
        this.initialSettings = settings();
    }

    /** A trainer for {@code task} with {@code optimizer}; every other setting has a default (see the builder). */
    public static Builder builder(Task task, Optimizer optimizer) {
        return new Builder(task, optimizer);
    }

    public Task task() {
        return task;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The settings as strings, for the model file's training record. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("loss", task.loss().name());
        s.put("optimizer", optimizer.name());
        s.put("engine", engine.name());
        s.put("batch_size", Integer.toString(batchSize));
        s.put("max_epochs", Integer.toString(epochs));
        s.put("seed", Long.toString(seed));
        s.put("schedule", schedule.name());
        if (clipNorm > 0) {
            s.put("clip_norm", Double.toString(clipNorm));
        }
        if (l2 > 0) {
            s.put("l2", Double.toString(l2));
        }
        if (earlyStopping != null) {
            s.put("early_stopping", earlyStopping.monitor() + ", patience " + earlyStopping.patience()
                    + (earlyStopping.restoreBest() ? ", best weights restored" : ""));
        }
        return s;
    }

    /**
     * Trains {@code network} in place on {@code train}, measuring {@code validation} (may be null) after each
     * epoch, and tells {@code listener} as it goes.
     */
    public FitResult fit(Network network, Dataset train, Dataset validation, TrainingListener listener) {
        return run(network, train, validation, listener, null);
    }

    /**
     * Continues the run saved in {@code checkpoint}: loads its weights into {@code network} and its state into this
     * trainer's optimizer and schedule, and trains on. With the same data and settings as the run that saved it,
     * the result is bit for bit what the uninterrupted run gives.
     *
     * @throws IllegalArgumentException when the settings, the data or the network differ from the checkpoint's
     */
    public FitResult resume(Network network, Dataset train, Dataset validation, TrainingListener listener,
            TrainingCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (!checkpoint.settings().equals(initialSettings)) {
            throw new IllegalArgumentException("The checkpoint was saved by a run with other settings: "
                    + differences(checkpoint.settings(), initialSettings));
        }
        if (checkpoint.dataFingerprint() != fingerprint(train)) {
            throw new IllegalArgumentException("The training data differ from those the checkpoint was trained on ("
                    + train.size() + " rows now); resume with the same data and split");
        }
        if (!checkpoint.weights().sameArchitecture(network)
                || checkpoint.weights().precision() != network.precision()) {
            throw new IllegalArgumentException("The checkpoint holds a " + checkpoint.weights().describe()
                    + " network, not a " + network.describe() + " one");
        }
        return run(network, train, validation, listener, checkpoint);
    }

    private FitResult run(Network network, Dataset train, Dataset validation, TrainingListener listener,
            TrainingCheckpoint from) {
        Objects.requireNonNull(listener, "listener");
        requireFits(network, train, "training");
        if (validation != null) {
            requireFits(network, validation, "validation");
        }
        if (network.hasDropout() && !(engine instanceof Backpropagation)) {
            throw new IllegalArgumentException("Dropout draws a new mask on every forward pass, so the " + engine.name()
                    + " gradient would be meaningless; use backprop with dropout");
        }
        if (earlyStopping != null) {
            requireKnownMetric(earlyStopping.monitor(), validation != null);
        }
        String plateauMetric = validation != null ? "val_loss" : "loss";

        int n = train.size();
        int batches = (n + batchSize - 1) / batchSize;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 shuffling = SplitMix64.seeded(seed);
        SplitMix64 dropout = SplitMix64.seeded(seed * 0x9E3779B97F4A7C15L + 1);
        // Batches are gathered straight into the network's precision.
        Precision precision = network.precision();
        Matrix fullInputs = null;
        Matrix fullTargets = null;
        Matrix lastInputs = null;
        Matrix lastTargets = null;

        double baseRate = optimizer.learningRate();
        List<EpochRecord> history = new ArrayList<>();
        Network epochStart = network.copy();
        Network best = earlyStopping != null && earlyStopping.restoreBest() ? network.copy() : null;
        double bestValue = Double.NaN;
        int bestEpoch = 0;
        int epochsWithoutImprovement = 0;
        String stopReason = FitResult.COMPLETED;
        // Only runs that may write or read checkpoints need the checksum of the data.
        long dataFingerprint = from != null || checkpointsEnabled ? fingerprint(train) : 0;

        int firstEpoch = 1;
        int firstBatch = 0;
        double resumedLossSum = 0.0;
        int resumedCorrect = 0;
        if (from != null) {
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
            firstEpoch = from.epoch();
            firstBatch = from.nextBatch();
            order = from.order();
            if (order.length != n || firstBatch > batches) {
                throw new IllegalArgumentException("The checkpoint stopped after mini-batch " + firstBatch
                        + " of an epoch over " + order.length + " rows; this run has " + n + " rows in "
                        + batches + " batches");
            }
            resumedLossSum = from.lossSum();
            resumedCorrect = from.correct();
        }

        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            boolean resumingInside = epoch == firstEpoch && firstBatch > 0;
            if (!resumingInside) {
                shuffling.shuffle(order);
                epochStart.copyWeightsFrom(network);
            }
            listener.onEpochStart(epoch, batches);
            if (network.hasDropout()) {
                network.enableDropout(dropout);
            }
            double lossSum = resumingInside ? resumedLossSum : 0.0;
            int correct = resumingInside ? resumedCorrect : 0;
            boolean diverged = false;
            for (int b = resumingInside ? firstBatch : 0; b < batches && !diverged; b++) {
                int from0 = b * batchSize;
                int rows = Math.min(batchSize, n - from0);
                Matrix x;
                Matrix y;
                if (rows == batchSize) {
                    x = fullInputs = Matrix.reuseOrAllocate(fullInputs, rows, network.inputs(), precision);
                    y = fullTargets = Matrix.reuseOrAllocate(fullTargets, rows, network.outputs(), precision);
                } else {
                    x = lastInputs = Matrix.reuseOrAllocate(lastInputs, rows, network.inputs(), precision);
                    y = lastTargets = Matrix.reuseOrAllocate(lastTargets, rows, network.outputs(), precision);
                }
                Matrix.gatherRows(train.inputs(), order, from0, x);
                Matrix.gatherRows(train.targets(), order, from0, y);
                double loss = engine.computeGradients(network, x, y, task.loss());
                if (task.isClassification()) {
                    Matrix outputs = engine instanceof Backpropagation ? network.lastOutput() : network.forward(x);
                    correct += task.countCorrect(outputs, y);
                }
                if (l2 > 0) {
                    addL2Gradient(network);
                }
                if (!Double.isFinite(loss) || !finiteGradients(network)) {
                    diverged = true;
                    break;
                }
                listener.onGradients(epoch, network.parameters());
                if (clipNorm > 0) {
                    GradientClipping.clipGlobalNorm(network.parameters(), clipNorm);
                }
                optimizer.step(network.parameters());
                lossSum += loss * rows;
                listener.onBatch(epoch, b + 1, batches, loss);
                if (stopRequest.getAsBoolean() && b + 1 < batches) {
                    network.disableDropout();
                    TrainingCheckpoint here = new TrainingCheckpoint(epoch, b + 1, order, lossSum, correct,
                            shuffling.state(), dropout.state(), optimizer.learningRate(), history, bestValue,
                            bestEpoch, epochsWithoutImprovement, network.copy(), epochStart.copy(),
                            best != null ? best.copy() : null, optimizer.state(network.parameters()),
                            schedule.state(), initialSettings, dataFingerprint);
                    checkpointSink.accept(here);
                    return here.resultSoFar(FitResult.INTERRUPTED);
                }
            }
            network.disableDropout();

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", lossSum / n);
            if (task.isClassification()) {
                metrics.put("accuracy", (double) correct / n);
            }
            if (validation != null && !diverged) {
                Matrix outputs = network.forward(validation.inputs());
                metrics.put("val_loss", task.loss().value(outputs, validation.targets()));
                if (task.isClassification()) {
                    metrics.put("val_accuracy", (double) task.countCorrect(outputs, validation.targets())
                            / validation.size());
                }
            }
            if (diverged || !allFinite(metrics)) {
                network.copyWeightsFrom(epochStart);
                stopReason = FitResult.DIVERGED;
                break;
            }
            EpochRecord record = new EpochRecord(epoch, optimizer.learningRate(), metrics);
            history.add(record);
            listener.onEpoch(record);

            if (earlyStopping != null) {
                double value = record.get(earlyStopping.monitor());
                if (earlyStopping.improves(value, bestValue)) {
                    bestValue = value;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (best != null) {
                        best.copyWeightsFrom(network);
                    }
                } else if (++epochsWithoutImprovement >= earlyStopping.patience()) {
                    stopReason = FitResult.EARLY_STOPPING;
                    break;
                }
            }
            optimizer.setLearningRate(schedule.rateAfter(epoch, baseRate, optimizer.learningRate(),
                    record.get(plateauMetric)));
            boolean stopping = stopRequest.getAsBoolean();
            if (epoch < epochs && (stopping || checkpointEvery > 0 && epoch % checkpointEvery == 0)) {
                TrainingCheckpoint next = new TrainingCheckpoint(epoch + 1, 0, order, 0.0, 0,
                        shuffling.state(), dropout.state(), optimizer.learningRate(), history, bestValue, bestEpoch,
                        epochsWithoutImprovement, network.copy(), network.copy(), best != null ? best.copy() : null,
                        optimizer.state(network.parameters()), schedule.state(), initialSettings, dataFingerprint);
                checkpointSink.accept(next);
                if (stopping) {
                    return next.resultSoFar(FitResult.INTERRUPTED);
                }
            }
        }
        if (best != null && bestEpoch > 0) {
            network.copyWeightsFrom(best);
        } else {
            bestEpoch = history.size();
        }
        return new FitResult(history, bestEpoch, stopReason);
    }

    /** A checksum of the training rows' bits and shapes: a resumed run must train on the same data. */
    static long fingerprint(Dataset data) {
        CRC32C crc = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (Matrix m : List.of(data.inputs(), data.targets())) {
            chunk.putInt(m.rows()).putInt(m.cols());
            for (int i = 0, size = m.size(); i < size; i++) {
                if (chunk.remaining() < 8) {
                    crc.update(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putDouble(m.get(i));
            }
        }
        crc.update(chunk.array(), 0, chunk.position());
        return crc.getValue();
    }

    private static String differences(Map<String, String> saved, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        for (String key : saved.keySet()) {
            if (!String.valueOf(saved.get(key)).equals(String.valueOf(now.get(key)))) {
                out.add(key + " was " + saved.get(key) + ", now " + now.getOrDefault(key, "unset"));
            }
        }
        for (String key : now.keySet()) {
            if (!saved.containsKey(key)) {
                out.add(key + " was unset, now " + now.get(key));
            }
        }
        return String.join("; ", out);
    }

    private void requireFits(Network network, Dataset data, String what) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("The " + what + " set is empty");
        }
        if (data.inputs().cols() != network.inputs() || data.targets().cols() != network.outputs()) {
            throw new IllegalArgumentException("The network " + network.sizes() + " needs " + network.inputs()
                    + " inputs and " + network.outputs() + " targets per sample, but the " + what + " set has "
                    + data.inputs().cols() + " and " + data.targets().cols());
        }
    }

    private void requireKnownMetric(String monitor, boolean hasValidation) {
        List<String> known = new ArrayList<>(List.of("loss"));
        if (task.isClassification()) {
            known.add("accuracy");
        }
        if (hasValidation) {
            known.add("val_loss");
            if (task.isClassification()) {
                known.add("val_accuracy");
            }
        }
        if (!known.contains(monitor)) {
            throw new IllegalArgumentException("Early stopping cannot watch '" + monitor + "': this run measures "
                    + String.join(", ", known));
        }
    }

    /** The L2 penalty (λ/2)·Σ‖W‖² over the weight matrices (not the biases) adds λ·W to their gradients. */
    private void addL2Gradient(Network network) {
        List<Dense> layers = network.layers();
        for (int l = 0, count = layers.size(); l < count; l++) {
            Parameter w = layers.get(l).weight();
            Matrix g = w.gradient();
            Matrix v = w.value();
            for (int i = 0, size = g.size(); i < size; i++) {
                g.set(i, g.get(i) + l2 * v.get(i));
            }
        }
    }

    private static boolean finiteGradients(Network network) {
        List<Parameter> parameters = network.parameters();
        // Indexed loops in the per-batch path: no iterator, so a batch allocates nothing.
        for (int i = 0, n = parameters.size(); i < n; i++) {
            if (!parameters.get(i).gradient().isFinite()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(Map<String, Double> metrics) {
        for (double v : metrics.values()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The settings of a training run; each has a default. */
    public static final class Builder {

        private final Task task;
        private final Optimizer optimizer;
        private GradientEngine engine = new Backpropagation();
        private int batchSize = 32;
        private int epochs = 100;
        private long seed = 1;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double clipNorm;
        private double l2;
        private EarlyStopping earlyStopping;
        private int checkpointEvery;
        private Consumer<TrainingCheckpoint> checkpointSink = checkpoint -> { };
        private BooleanSupplier stopRequest = () -> false;
        private boolean checkpointsEnabled;

        private Builder(Task task, Optimizer optimizer) {
            this.task = Objects.requireNonNull(task, "task");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The gradient engine; backpropagation by default. */
        public Builder engine(GradientEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** Samples per mini-batch (default 32); the last batch of an epoch may be smaller. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The most epochs to train (default 100); early stopping may end sooner. */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("The number of epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Seeds shuffling and dropout (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Clips the gradients' global norm to {@code maxNorm} before each step; 0 (the default) for none. */
        public Builder clipNorm(double maxNorm) {
            if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
                throw new IllegalArgumentException("The gradient norm limit must be 0 (none) or positive, got "
                        + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Adds the penalty (λ/2)·Σ‖W‖² on the weight matrices to the loss; 0 (the default) for none. */
        public Builder l2(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("The L2 penalty must be 0 (none) or positive, got " + lambda);
            }
            this.l2 = lambda;
            return this;
        }

        /** Stops when the monitored metric stalls; none by default. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * Hands a {@link TrainingCheckpoint} to {@code sink} after every {@code everyEpochs} epochs (0: never), and
         * whenever training stops on request (see {@link #stopWhen}).
         */
        public Builder checkpoints(int everyEpochs, Consumer<TrainingCheckpoint> sink) {
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
        public Builder stopWhen(BooleanSupplier stopRequest) {
            this.stopRequest = Objects.requireNonNull(stopRequest, "stopRequest");
            return this;
        }

        public MiniBatchTrainer build() {
            return new MiniBatchTrainer(this);
        }
    }
}
