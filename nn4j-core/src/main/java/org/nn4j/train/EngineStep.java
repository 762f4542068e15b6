package org.nn4j.train;

import java.util.Objects;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientEngine;
import org.nn4j.grad.NumericalGradient;
import org.nn4j.grad.TinyNetworkGradient;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/**
 * The gradient of a whole mini-batch on the calling thread, by any {@link GradientEngine}: backpropagation, or the
 * tutorial's numerical estimates, which nudge the weights of one network and so cannot be split over threads.
 * Numerical estimates go through {@link TinyNetworkGradient}, which computes them by scalars, with the same bits,
 * when the network is the tutorial's kind.
 */
public final class EngineStep implements GradientStep {

    private final GradientEngine engine;
    private final Dataset train;
    private final TrainingRows rows;
    private final Task task;
    private final Loss loss;
    private final Batch batch = new Batch();

    /** A step by the task's own loss. */
    public EngineStep(GradientEngine engine, Dataset train, Task task) {
        this(engine, train, task, task.loss());
    }

    /** A step by {@code loss}: the task's, perhaps weighted by class. */
    public EngineStep(GradientEngine engine, Dataset train, Task task, Loss loss) {
        this(engine, new TrainingRows(Objects.requireNonNull(train, "train")), task, loss);
    }

    /** A step over rows that another step shares, so that both gather from one converted copy. */
    EngineStep(GradientEngine engine, TrainingRows rows, Task task, Loss loss) {
        Objects.requireNonNull(engine, "engine");
        // A new one per step: it keeps workspaces, and a step runs on one thread.
        this.engine = engine instanceof NumericalGradient numerical ? new TinyNetworkGradient(numerical) : engine;
        this.train = rows.original();
        this.rows = rows;
        this.task = Objects.requireNonNull(task, "task");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public int rows() {
        return train.size();
    }

    @Override
    public long fingerprint() {
        return DataFingerprint.of(train);
    }

    @Override
    public void compute(Network network, int[] order, int from, int count, RandomSource dropout,
            EpochTotals totals) {
        batch.gather(rows.in(network.precision()), order, from, count, network.precision());
        if (network.hasDropout()) {
            if (!(engine instanceof Backpropagation)) {
                throw new IllegalArgumentException("Dropout draws a new mask on every forward pass, so the "
                        + engine.name() + " gradient would be meaningless; use backprop with dropout");
            }
            network.enableDropout(dropout);
        }
        try {
            double mean = engine.computeGradients(network, batch.inputs(), batch.targets(), loss);
            long correct = 0;
            if (task.isClassification()) {
                Matrix outputs = engine instanceof Backpropagation ? network.lastOutput()
                        : engine instanceof TinyNetworkGradient tiny && tiny.lastOutputs() != null
                                ? tiny.lastOutputs() : network.forward(batch.inputs());
                correct = task.countCorrect(outputs, batch.targets());
            }
            totals.add(mean * count, correct);
        } finally {
            network.disableDropout();
        }
    }

    @Override
    public Measurement measure(Network network) {
        // The tutorial measures its loss after every reported epoch: by scalars, that costs a tenth of an epoch
        // instead of a forward pass through matrices.
        if (engine instanceof TinyNetworkGradient tiny && tiny.computesByScalars(network, loss, train.size())) {
            double value = tiny.lossAt(network, train.inputs(), train.targets(), loss);
            double accuracy = task.isClassification()
                    ? (double) task.countCorrect(tiny.lastOutputs(), train.targets()) / train.size() : Double.NaN;
            return new Measurement(value, accuracy);
        }
        return Measurement.of(network, train, task, loss);
    }
}
