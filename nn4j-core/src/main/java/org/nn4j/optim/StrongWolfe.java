package org.nn4j.optim;

/**
 * The line search {@link Lbfgs} uses with {@link LineSearch#STRONG_WOLFE}, by the rule of PyTorch's
 * {@code _strong_wolfe}: along a descent direction d from x, with φ(t) = f(x + t·d) and φ'(t) = ∇f(x + t·d)·d, it
 * looks for a step t with
 * <pre>
 *   φ(t) ≤ φ(0) + c₁·t·φ'(0)          (enough decrease, c₁ = 1e-4)
 *   |φ'(t)| ≤ −c₂·φ'(0)                (a flatter slope, c₂ = 0.9)
 * </pre>
 * First it brackets: from the first trial step it moves outwards, each new trial the minimum of the cubic through
 * the last two points (their values and slopes) kept between 1.01·t and 10·t, until a trial satisfies both
 * conditions, or its value stops decreasing or its slope turns non-negative, which encloses a good step. Then it
 * zooms: the cubic's minimum between the bracket's ends, moved to 10% of the bracket's width from an end when it
 * falls too close to it twice, replaces one end, until a trial satisfies both conditions or the bracket is narrower
 * than 1e-9 / max|dᵢ|. At most {@value #MOST_EVALUATIONS} evaluations; the result is the best point found.
 */
final class StrongWolfe {

    static final double SUFFICIENT_DECREASE = 1e-4;
    static final double CURVATURE = 0.9;
    /** A bracket narrower than this (times the direction's largest element) is not refined further. */
    static final double TOLERANCE_CHANGE = 1e-9;
    static final int MOST_EVALUATIONS = 25;

    /** The loss along the line: φ(t), writing ∇f(x + t·d) into {@code gradient}, leaving the parameters at x. */
    interface Line {
        double lossAt(double t, double[] gradient);
    }

    /** The step found, the loss and gradient there, and how many times the line was evaluated. */
    record Step(double t, double loss, double[] gradient, int evaluations) {
    }

    private StrongWolfe() {
    }

    /**
     * Searches from step {@code t} along {@code d}, where the loss is {@code loss}, the gradient {@code gradient}
     * and the slope {@code slope} = gradient·d &lt; 0.
     */
    static Step search(Line line, double[] d, double t, double loss, double[] gradient, double slope) {
        int n = d.length;
        double dMax = Vectors.maxAbs(d);
        double[] gNew = new double[n];
        double fNew = line.lossAt(t, gNew);
        int evaluations = 1;
        double slopeNew = Vectors.dot(gNew, d);

        double tPrev = 0;
        double fPrev = loss;
        double[] gPrev = gradient.clone();
        double slopePrev = slope;
        // The bracket's two ends; both ends are the same point when a trial satisfies the conditions outright.
        double[] bt = new double[2];
        double[] bf = new double[2];
        double[][] bg = new double[2][];
        double[] bSlope = new double[2];
        boolean done = false;
        int trials = 0;
        while (trials < MOST_EVALUATIONS) {
            if (fNew > loss + SUFFICIENT_DECREASE * t * slope || trials > 1 && fNew >= fPrev) {
                set(bt, bf, bg, bSlope, 0, tPrev, fPrev, gPrev, slopePrev);
                set(bt, bf, bg, bSlope, 1, t, fNew, gNew, slopeNew);
                break;
            }
            if (Math.abs(slopeNew) <= -CURVATURE * slope) {
                set(bt, bf, bg, bSlope, 0, t, fNew, gNew, slopeNew);
                set(bt, bf, bg, bSlope, 1, t, fNew, gNew, slopeNew);
                done = true;
                break;
            }
            if (slopeNew >= 0) {
                set(bt, bf, bg, bSlope, 0, tPrev, fPrev, gPrev, slopePrev);
                set(bt, bf, bg, bSlope, 1, t, fNew, gNew, slopeNew);
                break;
            }
            double tNext = cubicMinimum(tPrev, fPrev, slopePrev, t, fNew, slopeNew, t + 0.01 * (t - tPrev), t * 10);
            tPrev = t;
            fPrev = fNew;
            gPrev = gNew;
            slopePrev = slopeNew;
            t = tNext;
            gNew = new double[n];
            fNew = line.lossAt(t, gNew);
            evaluations++;
            slopeNew = Vectors.dot(gNew, d);
            trials++;
        }
        if (trials == MOST_EVALUATIONS) {
            // No bracket within the budget: choose between the start and the last trial.
            set(bt, bf, bg, bSlope, 0, 0, loss, gradient, slope);
            set(bt, bf, bg, bSlope, 1, t, fNew, gNew, slopeNew);
        }

        boolean insufficientProgress = false;
        int low = bf[0] <= bf[1] ? 0 : 1;
        int high = 1 - low;
        while (!done && trials < MOST_EVALUATIONS) {
            if (Math.abs(bt[1] - bt[0]) * dMax < TOLERANCE_CHANGE) {
                break;
            }
            t = cubicMinimum(bt[0], bf[0], bSlope[0], bt[1], bf[1], bSlope[1],
                    Math.min(bt[0], bt[1]), Math.max(bt[0], bt[1]));
            double top = Math.max(bt[0], bt[1]);
            double bottom = Math.min(bt[0], bt[1]);
            double margin = 0.1 * (top - bottom);
            if (Math.min(top - t, t - bottom) < margin) {
                // Too close to an end: the second time running (or at an end), step 10% of the width inside it.
                if (insufficientProgress || t >= top || t <= bottom) {
                    t = Math.abs(t - top) < Math.abs(t - bottom) ? top - margin : bottom + margin;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            gNew = new double[n];
            fNew = line.lossAt(t, gNew);
            evaluations++;
            slopeNew = Vectors.dot(gNew, d);
            trials++;
            if (fNew > loss + SUFFICIENT_DECREASE * t * slope || fNew >= bf[low]) {
                set(bt, bf, bg, bSlope, high, t, fNew, gNew, slopeNew);
                low = bf[0] <= bf[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(slopeNew) <= -CURVATURE * slope) {
                    done = true;
                } else if (slopeNew * (bt[high] - bt[low]) >= 0) {
                    // The slope points back past the low end: the old low end becomes the high one.
                    set(bt, bf, bg, bSlope, high, bt[low], bf[low], bg[low], bSlope[low]);
                }
                set(bt, bf, bg, bSlope, low, t, fNew, gNew, slopeNew);
            }
        }
        return new Step(bt[low], bf[low], bg[low], evaluations);
    }

    private static void set(double[] bt, double[] bf, double[][] bg, double[] bSlope, int end, double t, double f,
            double[] g, double slope) {
        bt[end] = t;
        bf[end] = f;
        bg[end] = g;
        bSlope[end] = slope;
    }

    /**
     * The minimum, kept within [lo, hi], of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂:
     * <pre>
     *   d₁ = g₁ + g₂ − 3·(f₁ − f₂)/(x₁ − x₂),   d₂ = √(d₁² − g₁·g₂)
     *   x  = x₂ − (x₂ − x₁)·(g₂ + d₂ − d₁)/(g₂ − g₁ + 2·d₂)      (for x₁ ≤ x₂; the same with 1 and 2 swapped else)
     * </pre>
     * The middle of [lo, hi] when d₁² &lt; g₁·g₂ (the cubic has no minimum).
     */
    static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lo,
            double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double min = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(min, lo), hi);
        }
        return (lo + hi) / 2.0;
    }
}
