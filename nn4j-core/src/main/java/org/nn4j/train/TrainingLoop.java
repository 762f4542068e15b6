package org.nn4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.nn4j.data.Dataset;
import org.nn4j.data.NumberText;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.optim.Optimizer;
import org.nn4j.optim.ReduceOnPlateau;

/**
 * nn4j's one training loop, wherever training runs: the tutorial's full batch, mini-batches on one thread or on
 * every core, or a Spark cluster. Only the {@link GradientStep} that computes each batch's gradient differs.
 *
 * <p>Each epoch shuffles the row order (seeded; unless {@link TrainingSettings#shuffle} is off) and, for each
 * mini-batch, has the step compute the gradient of the mean loss, adds the L2 penalty's gradient, clips by global
 * norm, and lets the optimizer step. After the epoch it measures:
 * <ul>
 *   <li>{@code loss} (and {@code accuracy} for classification): the mean over the epoch's mini-batches, as Keras
 *       reports them, measured while the weights moved and with dropout active — or, with
 *       {@link TrainingSettings#lossAtEpochEnd}, over all rows at the epoch's final weights, as the tutorial does.
 *       The L2 penalty is not included, so {@code loss} compares with {@code val_loss};</li>
 *   <li>{@code val_loss} and {@code val_accuracy}, when a validation set is given: at the epoch's final weights,
 *       in inference mode (no dropout).</li>
 * </ul>
 * With class weights ({@link TrainingSettings#classWeights}) every loss, training and validation, is the weighted
 * one, so {@code val_loss} still compares with {@code loss} and early stopping watches what training minimises.
 * An optimizer that evaluates the loss at points of its own choosing ({@link Optimizer#needsObjective}, L-BFGS)
 * takes one step per epoch instead, through an {@link org.nn4j.optim.Objective} over all rows, and its
 * {@code loss} is measured over all rows at the epoch's final weights, so that it compares with {@code val_loss}.
 *
 * <p>Then the learning-rate schedule sets the next epoch's rate, and early stopping decides whether to go on. If a
 * loss or gradient stops being a finite number, the network goes back to its weights at the start of that epoch
 * and training stops ({@link FitResult#DIVERGED}).
 *
 * <p>The same network, data and settings give the same weights bit for bit, whatever the number of threads:
 * shuffling and dropout draw from generators seeded by {@link TrainingSettings#seed}. A run stopped on request
 * hands its {@link RunState} to the checkpoint sink as a {@link TrainingCheckpoint}, from which {@link #resume}
 * continues to exactly the weights of the uninterrupted run.
 */
public final class TrainingLoop {

    /** A number inside a setting's text, such as the 1.0E-8 of {@code eps=1.0E-8}. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    final TrainingSettings settings;
    final int checkpointEvery;
    final Consumer<TrainingCheckpoint> checkpointSink;
    final BooleanSupplier stopRequest;
    final boolean checkpointsEnabled;
    /** The settings as the run starts (the optimizer's name holds its learning rate, which schedules change). */
    final Map<String, String> initialSettings;

    TrainingLoop(TrainingLoopBuilder b) {
        this.settings = new TrainingSettings(b.task, b.optimizer, b.engine, b.schedule, b.batchSize, b.epochs, b.seed,
                b.shuffle, b.clipNorm, b.l2, b.earlyStopping, b.measureEvery, b.lossAtEpochEnd, b.classWeights);
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointSink = b.checkpointSink;
        this.stopRequest = b.stopRequest;
        this.checkpointsEnabled = b.checkpointsEnabled;
        this.initialSettings = settings.describe();
    }

    /** A loop for {@code task} with {@code optimizer}; every other setting has a default (see the builder). */
    public static TrainingLoopBuilder builder(Task task, Optimizer optimizer) {
        return new TrainingLoopBuilder(task, optimizer);
    }

    public TrainingSettings settings() {
        return settings;
    }

    /** The settings as strings, as the run started, for the model file's training record. */
    public Map<String, String> describe() {
        return new LinkedHashMap<>(initialSettings);
    }

    /**
     * The step this loop uses for rows held in memory: backpropagation split over the cores, or the settings'
     * engine on the calling thread when it is not backpropagation.
     */
    public GradientStep localStep(Dataset train) {
        return settings.engine() instanceof Backpropagation
                ? new DataParallelStep(train, settings.task(), settings.loss())
                : new EngineStep(settings.engine(), train, settings.task(), settings.loss());
    }

    /**
     * Trains {@code network} in place on {@code train}, measuring {@code validation} (may be null) after each
     * epoch, and tells {@code listener} as it goes.
     */
    public FitResult fit(Network network, Dataset train, Dataset validation, TrainingListener listener) {
        requireFits(network, train, "training");
        try (GradientStep step = localStep(train)) {
            return run(network, step, validationOf(network, validation), listener, null);
        }
    }

    /** As {@link #fit(Network, Dataset, Dataset, TrainingListener)}, with rows wherever {@code step} keeps them. */
    public FitResult fit(Network network, GradientStep step, Dataset validation, TrainingListener listener) {
        return run(network, step, validationOf(network, validation), listener, null);
    }

    /**
     * As {@link #fit(Network, GradientStep, Dataset, TrainingListener)}, with validation rows wherever
     * {@code validation} keeps them (null for none), such as on the cluster that holds the training rows.
     */
    public FitResult fitMeasured(Network network, GradientStep step, Validation validation,
            TrainingListener listener) {
        return run(network, step, validation, listener, null);
    }

    /**
     * Continues the run saved in {@code checkpoint}: loads its weights into {@code network} and its state into this
     * loop's optimizer and schedule, and trains on. With the same data and settings as the run that saved it, the
     * result is bit for bit what the uninterrupted run gives.
     *
     * @throws IllegalArgumentException when the settings, the data or the network differ from the checkpoint's
     */
    public FitResult resume(Network network, Dataset train, Dataset validation, TrainingListener listener,
            TrainingCheckpoint checkpoint) {
        requireFits(network, train, "training");
        try (GradientStep step = localStep(train)) {
            return resume(network, step, validation, listener, checkpoint);
        }
    }

    /** As {@link #resume(Network, Dataset, Dataset, TrainingListener, TrainingCheckpoint)}, over {@code step}. */
    public FitResult resume(Network network, GradientStep step, Dataset validation, TrainingListener listener,
            TrainingCheckpoint checkpoint) {
        return resumeMeasured(network, step, validationOf(network, validation), listener, checkpoint);
    }

    /**
     * As {@link #resume(Network, GradientStep, Dataset, TrainingListener, TrainingCheckpoint)}, with validation rows
     * wherever {@code validation} keeps them (null for none).
     */
    public FitResult resumeMeasured(Network network, GradientStep step, Validation validation,
            TrainingListener listener, TrainingCheckpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        // More epochs than the run had asked for extend it; any other setting must be the run's own.
        Map<String, String> saved = comparable(checkpoint.settings());
        Map<String, String> now = comparable(initialSettings);
        if (!saved.equals(now)) {
            throw new IllegalArgumentException("The checkpoint was saved by a run with other settings: "
                    + differences(saved, now));
        }
        if (checkpoint.epoch() - 1 > settings.epochs()) {
            throw new IllegalArgumentException("The checkpoint has " + (checkpoint.epoch() - 1) + " finished epochs,"
                    + " more than the " + settings.epochs() + " epochs asked for; ask for more to extend the run");
        }
        if (checkpoint.dataFingerprint() != step.fingerprint()) {
            throw new IllegalArgumentException("The training data differ from those the checkpoint was trained on ("
                    + step.rows() + " rows now); resume with the same data and split");
        }
        if (!checkpoint.weights().sameArchitecture(network)
                || checkpoint.weights().precision() != network.precision()) {
            throw new IllegalArgumentException("The checkpoint holds a " + checkpoint.weights().describe()
                    + " network, not a " + network.describe() + " one");
        }
        return run(network, step, validation, listener, checkpoint);
    }

    /** Validation rows in memory, checked against the network; null for none. */
    private Validation validationOf(Network network, Dataset validation) {
        if (validation == null) {
            return null;
        }
        requireFits(network, validation, "validation");
        return Validation.of(validation, settings.task(), settings.loss());
    }

    private FitResult run(Network network, GradientStep step, Validation validation, TrainingListener listener,
            TrainingCheckpoint from) {
        Objects.requireNonNull(listener, "listener");
        check(network, step, validation);
        return new TrainingRun(this, network, step, validation, listener, from).run();
    }

    /** Refuses, before anything trains, what could only fail later. */
    private void check(Network network, GradientStep step, Validation validation) {
        if (step.rows() == 0) {
            throw new IllegalArgumentException("The training set is empty");
        }
        if (network.hasDropout() && !(settings.engine() instanceof Backpropagation)) {
            throw new IllegalArgumentException("Dropout draws a new mask on every forward pass, so the "
                    + settings.engine().name() + " gradient would be meaningless; use backprop with dropout");
        }
        if (settings.optimizer().needsObjective()) {
            FullBatchObjective.check(settings, network, step);
        }
        if (settings.earlyStopping() != null) {
            requireKnownMetric(settings.earlyStopping().monitor(), validation != null);
        }
        if (settings.measureEvery() > 1 && settings.schedule() instanceof ReduceOnPlateau) {
            throw new IllegalArgumentException("The plateau schedule watches a metric every epoch; measure every"
                    + " epoch (not every " + settings.measureEvery() + ") to use it");
        }
    }

    /**
     * The settings as compared on resume: without the number of epochs, and with every number written as
     * {@link NumberText#format} writes it, so that a checkpoint that wrote {@code 1.0E-8} matches {@code 1e-8}.
     */
    private static Map<String, String> comparable(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (!key.equals("max_epochs")) {
                out.put(key, value == null ? null : NUMBER.matcher(value).replaceAll(
                        m -> NumberText.format(Double.parseDouble(m.group()))));
            }
        });
        return out;
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

    private static void requireFits(Network network, Dataset data, String what) {
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
        if (settings.task().isClassification()) {
            known.add("accuracy");
        }
        if (hasValidation) {
            known.add("val_loss");
            if (settings.task().isClassification()) {
                known.add("val_accuracy");
            }
        }
        if (!known.contains(monitor)) {
            throw new IllegalArgumentException("Early stopping cannot watch '" + monitor + "': this run measures "
                    + String.join(", ", known));
        }
    }
}
