package org.nn4j.grad;

/**
 * {@link TinyNetworkGradient}'s forward-difference estimates for the tutorial's own shape, 2 inputs, 2 ReLU units and
 * one sigmoid output, in straight-line code: the nine weights and their nine nudged values sit in local variables,
 * and each row's ten output pre-activations (the unchanged weights' and one per nudge) are written out in full.
 * The general tiny path spends most of its time on loops of two turns and on the bookkeeping that lets it skip
 * unchanged rows; here a row's evaluation is a handful of multiplications and additions, and the exponentials and
 * logarithms of the changed rows are most of what is left. One instance serves one thread (its workspaces).
 *
 * <p>The bits are {@link NumericalGradient}'s: each sum in the matrix kernels' order
 * ({@code 0 + x₀·w₀ + x₁·w₁ + b}), each nudged weight {@code w + ε}, each loss the row-order sum of the terms,
 * negated and divided by the rows. An evaluation whose pre-activation has the unchanged weights' bits takes the
 * unchanged weights' term.
 */
final class TwoTwoOneEstimates {

    /** How many estimates: W₂ (2), b₂, W₁ (4, as the matrix lays them out), b₁ (2), in the order they are written. */
    static final int COUNT = 9;

    /** Evaluation k's pre-activation of row r at {@code z[k·rows + r]}; its sigmoid, then its loss term, in term. */
    private double[] z = new double[0];
    private double[] term = new double[0];
    /** Whether that pre-activation has the unchanged weights' bits (evaluation 0's of the same row). */
    private boolean[] same = new boolean[0];

    /**
     * Writes the nine forward-difference estimates into {@code estimates} and each row's output at the unchanged
     * weights into {@code outputs}, and returns the mean loss at the unchanged weights.
     *
     * @param x the rows' inputs, row r's at {@code x[2r]} and {@code x[2r + 1]}
     * @param y the rows' targets
     * @param w1 the hidden layer's weights as its matrix lays them out: {@code w1[2p + j]} from input p to unit j
     */
    double estimate(double[] x, double[] y, int rows, double[] w1, double[] b1, double[] w2, double b2,
            double epsilon, double[] estimates, double[] outputs) {
        if (z.length < (COUNT + 1) * rows) {
            z = new double[(COUNT + 1) * rows];
            term = new double[(COUNT + 1) * rows];
            same = new boolean[(COUNT + 1) * rows];
        }
        preActivations(x, rows, w1, b1, w2, b2, epsilon);
        // The terms in loops of their own, away from the weights held in registers (each call to the exponential
        // or the logarithm would save and restore them): every sigmoid, then every logarithm, so that the calls do
        // not wait on each other and the processor overlaps them (1.25x against one loop doing both). A
        // pre-activation with the unchanged weights' bits is marked and takes their term.
        int end = (COUNT + 1) * rows;
        for (int r = 0; r < rows; r++) {
            term[r] = TinyNetworkGradient.sigmoid(z[r]);
            outputs[r] = term[r];
        }
        for (int k = rows; k < end; k += rows) {
            for (int r = 0; r < rows; r++) {
                boolean unchanged = Double.doubleToRawLongBits(z[k + r]) == Double.doubleToRawLongBits(z[r]);
                same[k + r] = unchanged;
                if (!unchanged) {
                    term[k + r] = TinyNetworkGradient.sigmoid(z[k + r]);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            term[r] = TinyNetworkGradient.lossTerm(term[r], y[r]);
        }
        for (int k = rows; k < end; k += rows) {
            for (int r = 0; r < rows; r++) {
                term[k + r] = same[k + r] ? term[r] : TinyNetworkGradient.lossTerm(term[k + r], y[r]);
            }
        }
        double loss = lossOf(0, rows);
        for (int e = 0; e < COUNT; e++) {
            estimates[e] = (lossOf(e + 1, rows) - loss) / epsilon;
        }
        return loss;
    }

    /** Every row's ten pre-activations: the unchanged weights', then one per nudge in the estimates' order. */
    private void preActivations(double[] x, int rows, double[] w1, double[] b1, double[] w2, double b2,
            double epsilon) {
        double w00 = w1[0];
        double w01 = w1[1];
        double w10 = w1[2];
        double w11 = w1[3];
        double c0 = b1[0];
        double c1 = b1[1];
        double v0 = w2[0];
        double v1 = w2[1];
        double d = b2;
        double w00n = w00 + epsilon;
        double w01n = w01 + epsilon;
        double w10n = w10 + epsilon;
        double w11n = w11 + epsilon;
        double c0n = c0 + epsilon;
        double c1n = c1 + epsilon;
        double v0n = v0 + epsilon;
        double v1n = v1 + epsilon;
        double dn = d + epsilon;
        double[] z = this.z;
        for (int r = 0; r < rows; r++) {
            double x0 = x[2 * r];
            double x1 = x[2 * r + 1];
            double h0 = unit(x0, x1, w00, w10, c0);
            double h1 = unit(x0, x1, w01, w11, c1);
            z[r] = output(h0, h1, v0, v1, d);
            z[rows + r] = output(h0, h1, v0n, v1, d);
            z[2 * rows + r] = output(h0, h1, v0, v1n, d);
            z[3 * rows + r] = output(h0, h1, v0, v1, dn);
            z[4 * rows + r] = output(unit(x0, x1, w00n, w10, c0), h1, v0, v1, d);
            z[5 * rows + r] = output(h0, unit(x0, x1, w01n, w11, c1), v0, v1, d);
            z[6 * rows + r] = output(unit(x0, x1, w00, w10n, c0), h1, v0, v1, d);
            z[7 * rows + r] = output(h0, unit(x0, x1, w01, w11n, c1), v0, v1, d);
            z[8 * rows + r] = output(unit(x0, x1, w00, w10, c0n), h1, v0, v1, d);
            z[9 * rows + r] = output(h0, unit(x0, x1, w01, w11, c1n), v0, v1, d);
        }
    }

    /** Evaluation e's mean loss: −(Σ terms) / rows, summed in row order as the loss sums them. */
    private double lossOf(int e, int rows) {
        double sum = 0.0;
        for (int r = 0, at = e * rows; r < rows; r++) {
            sum += term[at + r];
        }
        return -(sum / rows);
    }

    /** ReLU(0 + x₀·a + x₁·b + c), summed as the matrix product and the bias add do. */
    private static double unit(double x0, double x1, double a, double b, double c) {
        double z = 0.0 + x0 * a;
        z += x1 * b;
        z += c;
        return Math.max(z, 0.0);
    }

    /** 0 + h₀·v₀ + h₁·v₁ + d. */
    private static double output(double h0, double h1, double v0, double v1, double d) {
        double z = 0.0 + h0 * v0;
        z += h1 * v1;
        return z + d;
    }
}
