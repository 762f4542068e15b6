package org.nn4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.nn4j.random.RandomSource;
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
        RandomSource shuffling = RandomSource.seeded(seed);
        RandomSource dropout = RandomSource.seeded(seed * 0x9E3779B97F4A7C15L + 1);
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

        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffling.shuffle(order);
            listener.onEpochStart(epoch, batches);
            epochStart.copyWeightsFrom(network);
            if (network.hasDropout()) {
                network.enableDropout(dropout);
            }
            double lossSum = 0.0;
            int correct = 0;
            boolean diverged = false;
            for (int b = 0; b < batches && !diverged; b++) {
                int from = b * batchSize;
                int rows = Math.min(batchSize, n - from);
                Matrix x;
                Matrix y;
                if (rows == batchSize) {
                    x = fullInputs = Matrix.reuseOrAllocate(fullInputs, rows, network.inputs(), precision);
                    y = fullTargets = Matrix.reuseOrAllocate(fullTargets, rows, network.outputs(), precision);
                } else {
                    x = lastInputs = Matrix.reuseOrAllocate(lastInputs, rows, network.inputs(), precision);
                    y = lastTargets = Matrix.reuseOrAllocate(lastTargets, rows, network.outputs(), precision);
                }
                Matrix.gatherRows(train.inputs(), order, from, x);
                Matrix.gatherRows(train.targets(), order, from, y);
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
                if (clipNorm > 0) {
                    GradientClipping.clipGlobalNorm(network.parameters(), clipNorm);
                }
                optimizer.step(network.parameters());
                lossSum += loss * rows;
                listener.onBatch(epoch, b + 1, batches, loss);
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
        }
        if (best != null && bestEpoch > 0) {
            network.copyWeightsFrom(best);
        } else {
            bestEpoch = history.size();
        }
        return new FitResult(history, bestEpoch, stopReason);
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

        public MiniBatchTrainer build() {
            return new MiniBatchTrainer(this);
        }
    }
}
