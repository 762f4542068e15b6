package org.nn4j.recipe.search;

import java.util.List;

/**
 * Where a search's trials train: {@link LocalTrialRunner} on this machine's cores, one thread per trial. A runner
 * keeps each trial's training between calls, so that the next rung continues it.
 */
public interface TrialRunner {

    /**
     * Trains each of {@code trials} on to {@code epochs} epochs; the results in the order of {@code trials}. A trial
     * left out of a call is never trained again, so the runner may let its training go.
     */
    List<TrialResult> trainTo(List<Trial> trials, int epochs);
}
