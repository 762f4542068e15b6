package org.nn4j.metrics;

/**
 * {@link RocAuc} and {@link AveragePrecision} added up one group of tied scores at a time, from the highest score
 * down, so that scores sorted elsewhere (on a cluster) can stream past without being held. Group k has
 * {@code tp_k} positive and {@code fp_k} negative samples; with TP counted over the groups up to and including k,
 * and S_k the samples up to and including k:
 * <pre>
 *   ROC AUC           = Σ_k fp_k · (TP_{k−1} + tp_k / 2) / (P · N)
 *   average precision = Σ_k tp_k · TP_k / S_k / P
 * </pre>
 * the same sums, in the same order, as those classes take over arrays.
 */
public final class RankingSums {

    private long truePositives;
    private long samples;
    private long negatives;
    private double rocArea;
    private double precisionSum;

    /** Adds the next group of tied scores, lower than every group before it. */
    public void add(long tp, long fp) {
        rocArea += fp * (truePositives + tp / 2.0);
        truePositives += tp;
        negatives += fp;
        samples += tp + fp;
        precisionSum += (double) tp * truePositives / samples;
    }

    /** The area under the ROC curve; NaN when all samples are of one kind. */
    public double rocAuc() {
        return truePositives == 0 || negatives == 0 ? Double.NaN : rocArea / ((double) truePositives * negatives);
    }

    /** The average precision; NaN when no sample is positive. */
    public double averagePrecision() {
        return truePositives == 0 ? Double.NaN : precisionSum / truePositives;
    }
}
