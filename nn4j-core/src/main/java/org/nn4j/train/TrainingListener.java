package org.nn4j.train;

/** Hears about training as it goes, e.g. to print progress. */
@FunctionalInterface
public interface TrainingListener {

    /** Called every {@code reportEvery} epochs and after the last, with the loss after that epoch's update. */
    void onReport(LossReport report);

    TrainingListener NONE = report -> { };
}
