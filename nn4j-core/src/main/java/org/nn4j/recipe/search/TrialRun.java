package org.nn4j.recipe.search;

/** One trial's training, continued rung by rung: each call trains on from where the last stopped. */
public interface TrialRun {

    /**
     * Trains until {@code epochs} epochs are done, or until early stopping or divergence ends the run for good, and
     * scores the network as it then is.
     */
    Score trainTo(int epochs);

    /** The epochs trained so far. */
    int epochs();

    /** Why the run stands where it does: {@code interrupted} while paused at a rung, else how it ended. */
    String stopReason();
}
