package org.nn4j.metrics;

/**
 * The area under the ROC curve: the chance that a random positive sample scores above a random negative one,
 * ties counting one half, {@code AUC = (Σ_pos,neg [s⁺ > s⁻] + ½·[s⁺ = s⁻]) / (P·N)}. That is the trapezoids
 * under the curve through one point per distinct score, as scikit-learn's {@code roc_auc_score} draws it.
 * Multi-class: each class against the rest, then the unweighted mean ({@code multi_class="ovr",
 * average="macro"}).
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The AUC of {@code scores} for the samples marked {@code positive}; NaN when all samples are of one kind, for
     * which it is not defined.
     */
    public static double of(double[] scores, boolean[] positive) {
        int[] order = RankedScores.descending(scores);
        double area = 0.0;
        long truePositives = 0;
        long falsePositives = 0;
        for (int start = 0; start < order.length; ) {
            int end = RankedScores.endOfTie(scores, order, start);
            long tp = 0;
            long fp = 0;
            for (int i = start; i < end; i++) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            // The negatives of this score rank below the positives seen so far, and tie with this score's half.
            area += fp * (truePositives + tp / 2.0);
            truePositives += tp;
            falsePositives += fp;
            start = end;
        }
        if (truePositives == 0 || falsePositives == 0) {
            return Double.NaN;
        }
        return area / ((double) truePositives * falsePositives);
    }

    /**
     * The mean over the classes of each class's AUC against the rest, from the probabilities {@code scores[r][c]};
     * classes with no sample among {@code actual} are left out (scikit-learn refuses such rows). NaN when fewer
     * than two classes occur.
     */
    public static double oneVsRestMacro(double[][] scores, int[] actual, int classes) {
        return RankedScores.macro(scores, actual, classes, RocAuc::of);
    }
}
