package org.nn4j.train;

import java.util.List;
import java.util.function.Consumer;
import org.nn4j.nn.Parameter;

/**
 * Hears about a {@link TrainingLoop} run as it goes, wherever it runs: the CLI's progress bar and metric lines,
 * plots and dashboards. Every method does nothing by default, so a listener implements only what it needs.
 * Listeners run on the training thread; a slow one slows training.
 */
public interface TrainingListener {

    /** An epoch of {@code batches} mini-batches begins (epochs count from 1). */
    default void onEpochStart(int epoch, int batches) {
    }

    /** Mini-batch {@code batch} (from 1) of the epoch was trained; its mean loss. */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /**
     * An epoch ended, with its metrics (loss, accuracy, val_loss, …); every epoch, unless the run measures only every
     * few epochs.
     */
    default void onEpoch(EpochRecord record) {
    }

    /**
     * The gradients of a step were computed (before clipping and the optimizer's update): for monitors of gradient
     * size. {@code parameters} are the network's; read them, do not change them. {@code epoch} counts from 1.
     */
    default void onGradients(int epoch, List<Parameter> parameters) {
    }

    /** This listener, then {@code other}, for every event. */
    default TrainingListener andThen(TrainingListener other) {
        TrainingListener first = this;
        return new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int batches) {
                first.onEpochStart(epoch, batches);
                other.onEpochStart(epoch, batches);
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                first.onBatch(epoch, batch, batches, loss);
                other.onBatch(epoch, batch, batches, loss);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                first.onEpoch(record);
                other.onEpoch(record);
            }

            @Override
            public void onGradients(int epoch, List<Parameter> parameters) {
                first.onGradients(epoch, parameters);
                other.onGradients(epoch, parameters);
            }
        };
    }

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** A listener for epoch records only. */
    static TrainingListener onEpochs(Consumer<EpochRecord> action) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                action.accept(record);
            }
        };
    }
}
