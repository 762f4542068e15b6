package org.nn4j.metrics;

/**
 * The sums behind {@link RocAuc} and {@link AveragePrecision}, taken over a run of tied-score groups at a time, so
 * that machines holding consecutive ranges of the scores (sorted from the highest) each add up their own range.
 * Group k has {@code tp_k} positive and {@code fp_k} negative samples; with TP and N counted over all groups up to
 * and including k:
 * <pre>
 *   rocArea       = Σ_k fp_k · (TP_{k−1} + tp_k / 2)        ROC AUC = rocArea / (P · N)
 *   precisionSum  = Σ_k tp_k · TP_k / N_k                   average precision = precisionSum / P
 * </pre>
 * where N_k counts every sample up to and including group k. A range needs the positives and samples of all ranges
 * before it ({@code positivesBefore}, {@code samplesBefore}).
 *
 * @param positives the positive samples in the range
 * @param negatives the negative samples in the range
 */
public record RankingSums(long positives, long negatives, double rocArea, double precisionSum) {

    /** The sums over groups of tied scores, from the highest, with {@code tp[k]} positives and {@code fp[k]} others. */
    public static RankingSums over(long[] tp, long[] fp, long positivesBefore, long samplesBefore) {
        double area = 0.0;
        double precision = 0.0;
        long truePositives = positivesBefore;
        long samples = samplesBefore;
        long positives = 0;
        long negatives = 0;
        for (int k = 0; k < tp.length; k++) {
            area += fp[k] * (truePositives + tp[k] / 2.0);
            truePositives += tp[k];
            samples += tp[k] + fp[k];
            if (tp[k] > 0) {
                precision += tp[k] * ((double) truePositives / samples);
            }
            positives += tp[k];
            negatives += fp[k];
        }
        return new RankingSums(positives, negatives, area, precision);
    }

    /** The sums of this range and {@code next} together. */
    public RankingSums plus(RankingSums next) {
        return new RankingSums(positives + next.positives, negatives + next.negatives, rocArea + next.rocArea,
                precisionSum + next.precisionSum);
    }

    /** The ROC AUC of all ranges added up; NaN when all samples are of one kind. */
    public double rocAuc() {
        return positives == 0 || negatives == 0 ? Double.NaN : rocArea / ((double) positives * negatives);
    }

    /** The average precision of all ranges added up; NaN when no sample is positive. */
    public double averagePrecision() {
        return positives == 0 ? Double.NaN : precisionSum / positives;
    }
}
