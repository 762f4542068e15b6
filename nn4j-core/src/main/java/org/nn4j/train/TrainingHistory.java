package org.nn4j.train;

import java.util.List;

/**
 * What a training run reported: the loss after every reporting epoch, and how many epochs ran.
 *
 * @param reports the loss reports in epoch order
 * @param epochs the number of epochs trained
 * @param stoppedEarly true when training stopped before {@code epochs} because the loss was no longer finite
 */
public record TrainingHistory(List<LossReport> reports, int epochs, boolean stoppedEarly) {

    public TrainingHistory {
        reports = List.copyOf(reports);
    }

    /** The last reported loss, or NaN when nothing was reported. */
    public double finalLoss() {
        return reports.isEmpty() ? Double.NaN : reports.get(reports.size() - 1).loss();
    }
}
