package org.nn4j.train;

import java.util.function.Consumer;

/**
 * Hears about training as it goes: the CLI's progress bar and metric lines, plots and dashboards. Every method does
 * nothing by default, so a listener implements only what it needs. Listeners run on the training thread; a slow
 * one slows training.
 */
public interface TrainingListener {

    /** Full-batch {@link Trainer}: every {@code reportEvery} epochs and after the last, the loss after the update. */
    default void onReport(LossReport report) {
    }

    /** {@link MiniBatchTrainer}: an epoch of {@code batches} mini-batches begins (epochs count from 1). */
    default void onEpochStart(int epoch, int batches) {
    }

    /** {@link MiniBatchTrainer}: mini-batch {@code batch} (from 1) of the epoch was trained; its mean loss. */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /** {@link MiniBatchTrainer}: an epoch ended, with its metrics (loss, accuracy, val_loss, …). */
    default void onEpoch(EpochRecord record) {
    }

    /** A listener that does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** A listener for loss reports only. */
    static TrainingListener onReports(Consumer<LossReport> action) {
        return new TrainingListener() {
            @Override
            public void onReport(LossReport report) {
                action.accept(report);
            }
        };
    }
}
