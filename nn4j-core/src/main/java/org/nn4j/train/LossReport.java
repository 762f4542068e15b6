package org.nn4j.train;

/** The mean training loss measured after the update of epoch {@code epoch} (1-based). */
public record LossReport(int epoch, double loss) {
}
