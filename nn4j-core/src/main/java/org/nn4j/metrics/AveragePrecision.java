package org.nn4j.metrics;

/**
 * The area under the precision-recall curve as scikit-learn's {@code average_precision_score} takes it: with one
 * threshold per distinct score, from the highest, {@code AP = Σ_k (R_k − R_{k−1}) · P_k}, the precision at each
 * threshold weighted by the recall it adds. No interpolation between points, so it is not the trapezoids' area,
 * which overstates a curve through few points. Multi-class: each class against the rest, then the unweighted mean.
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    /** The average precision of {@code scores} for the samples marked {@code positive}; NaN when none is. */
    public static double of(double[] scores, boolean[] positive) {
        int[] order = RankedScores.descending(scores);
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        long truePositives = 0;
        long predicted = 0;
        for (int start = 0; start < order.length; ) {
            int end = RankedScores.endOfTie(scores, order, start);
            long tp = 0;
            for (int i = start; i < end; i++) {
                if (positive[order[i]]) {
                    tp++;
                }
            }
            truePositives += tp;
            predicted += end - start;
            sum += (double) tp / positives * ((double) truePositives / predicted);
            start = end;
        }
        return sum;
    }

    /**
     * The mean over the classes of each class's average precision against the rest, from the probabilities
     * {@code scores[r][c]}; classes with no sample among {@code actual} are left out. NaN when fewer than two
     * classes occur.
     */
    public static double oneVsRestMacro(double[][] scores, int[] actual, int classes) {
        return RankedScores.macro(scores, actual, classes, AveragePrecision::of);
    }
}
