package org.nn4j.tensor;

/**
 * Element-wise steps of training that run over whole matrices at once, on the active kernels (the Vector API's
 * when enabled), instead of element by element through {@link Matrix#get}/{@link Matrix#set}. Every method gives
 * the bits that the element-by-element loop gives; operands of mixed precision take that loop.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /**
     * A ReLU layer's forward pass: {@code z = x·w + bias} on each row, then {@code a = max(z, 0)}; in float32 the
     * bias and ReLU are applied as the product's sums leave the registers. The same bits as
     * {@link Matrix#multiply} followed by {@link #addBiasThenRelu}, which is what operands of mixed precision or of
     * float64 take.
     */
    public static void multiplyAddBiasThenRelu(Matrix x, Matrix w, Matrix bias, Matrix z, Matrix a) {
        boolean fits = x.cols() == w.rows() && z.hasShape(x.rows(), w.cols()) && bias.hasShape(1, w.cols())
                && a.hasShape(x.rows(), w.cols());
        if (fits && x.precision() == Precision.FLOAT32 && w.precision() == Precision.FLOAT32
                && bias.precision() == Precision.FLOAT32 && z.precision() == Precision.FLOAT32
                && a.precision() == Precision.FLOAT32) {
            z.written();
            a.written();
            Kernels.ACTIVE.multiplyAddBiasThenRelu(x.floatArray(), w.floatArray(), w.finiteForProductOf(x.rows()),
                    bias.floatArray(), z.floatArray(), a.floatArray(), x.rows(), x.cols(), w.cols());
            return;
        }
        // The separate steps check the shapes and say what was expected.
        Matrix.multiply(x, w, z);
        addBiasThenRelu(z, bias, a);
    }

    /**
     * A ReLU layer's bias and activation in one pass: {@code z += bias} on each row, then {@code a = max(z, 0)}.
     * {@code bias} is 1×cols; {@code z} and {@code a} have one shape.
     */
    public static void addBiasThenRelu(Matrix z, Matrix bias, Matrix a) {
        if (!bias.hasShape(1, z.cols()) || !a.hasShape(z.rows(), z.cols())) {
            throw new IllegalArgumentException("Expected a 1×" + z.cols() + " bias and a " + z.shape()
                    + " output for a " + z.shape() + " pre-activation, got " + bias.shape() + " and " + a.shape());
        }
        Precision p = z.precision();
        z.written();
        a.written();
        if (bias.precision() != p || a.precision() != p) {
            z.addToEachRow(bias);
            for (int i = 0, n = z.size(); i < n; i++) {
                a.set(i, Math.max(z.get(i), 0.0));
            }
        } else if (p == Precision.FLOAT64) {
            Kernels.ACTIVE.addBiasThenRelu(z.doubleArray(), bias.doubleArray(), a.doubleArray(), z.rows(), z.cols());
        } else {
            Kernels.ACTIVE.addBiasThenRelu(z.floatArray(), bias.floatArray(), a.floatArray(), z.rows(), z.cols());
        }
    }

    /** ReLU's backward step: {@code gradZ = z > 0 ? gradA : 0}, element by element. */
    public static void reluBackward(Matrix z, Matrix gradA, Matrix gradZ) {
        requireSameShape(z, gradA);
        requireSameShape(z, gradZ);
        Precision p = z.precision();
        gradZ.written();
        if (gradA.precision() != p || gradZ.precision() != p) {
            for (int i = 0, n = z.size(); i < n; i++) {
                gradZ.set(i, z.get(i) > 0.0 ? gradA.get(i) : 0.0);
            }
        } else if (p == Precision.FLOAT64) {
            Kernels.ACTIVE.reluBackward(z.doubleArray(), gradA.doubleArray(), gradZ.doubleArray(), z.size());
        } else {
            Kernels.ACTIVE.reluBackward(z.floatArray(), gradA.floatArray(), gradZ.floatArray(), z.size());
        }
    }

    /**
     * Softmax over each row of z into a (same shape): {@code a_k = e^(z_k − m) / Σ_j e^(z_j − m)} with m the row's
     * maximum, summed in column order. In float64 (and mixed precisions) with {@link Math#exp}, the float64 loop's
     * bits; the exponentials run as one pass over the whole matrix rather than row by row: calls of {@link Math#exp}
     * between short loops over ten columns took three times as long. In float32 every step is float32, with
     * {@link FloatExponential}, on the kernels ({@link MatrixKernels#addBiasThenSoftmax}).
     */
    public static void softmaxRows(Matrix z, Matrix a) {
        requireSameShape(z, a);
        int rows = z.rows();
        int cols = z.cols();
        Precision p = z.precision();
        a.written();
        if (a.precision() != p) {
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, z.get(r, c));
                }
                double sum = 0.0;
                for (int c = 0; c < cols; c++) {
                    double e = Math.exp(z.get(r, c) - max);
                    a.set(r, c, e);
                    sum += e;
                }
                for (int c = 0; c < cols; c++) {
                    a.set(r, c, a.get(r, c) / sum);
                }
            }
        } else if (p == Precision.FLOAT64) {
            double[] in = z.doubleArray();
            double[] out = a.doubleArray();
            shiftByRowMaxima(in, out, rows, cols);
            exponentials(out, rows * cols);
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                double sum = 0.0;
                for (int c = row; c < row + cols; c++) {
                    sum += out[c];
                }
                for (int c = row; c < row + cols; c++) {
                    out[c] /= sum;
                }
            }
        } else {
            Kernels.ACTIVE.addBiasThenSoftmax(z.floatArray(), null, a.floatArray(), rows, cols);
        }
    }

    /**
     * A softmax layer's bias and activation: {@code z += bias} on each row, then {@link #softmaxRows}. In float32
     * one kernel does both, two passes over z instead of three.
     */
    public static void addBiasThenSoftmax(Matrix z, Matrix bias, Matrix a) {
        requireSameShape(z, a);
        if (!bias.hasShape(1, z.cols())) {
            throw new IllegalArgumentException("Expected a 1×" + z.cols() + " bias for a " + z.shape()
                    + " pre-activation, got " + bias.shape());
        }
        z.written();
        a.written();
        if (z.precision() == Precision.FLOAT32 && bias.precision() == Precision.FLOAT32
                && a.precision() == Precision.FLOAT32) {
            Kernels.ACTIVE.addBiasThenSoftmax(z.floatArray(), bias.floatArray(), a.floatArray(), z.rows(), z.cols());
        } else {
            z.addToEachRow(bias);
            softmaxRows(z, a);
        }
    }

    /** {@code out = in − (its row's maximum)}, row by row. */
    private static void shiftByRowMaxima(double[] in, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = row; c < row + cols; c++) {
                max = Math.max(max, in[c]);
            }
            for (int c = row; c < row + cols; c++) {
                out[c] = in[c] - max;
            }
        }
    }

    private static void exponentials(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(x[i]);
        }
    }

    /**
     * One Adam step over the elements {@code from} to {@code to} of a parameter θ with gradient g and float64
     * moments m and v, by the formula in {@code org.nn4j.optim.Adam}'s documentation, with the step's
     * {@code stepSize = lr / (1 − β₁ᵗ)} and {@code correction2Sqrt = √(1 − β₂ᵗ)}. Operations run in the order of the
     * element-by-element loop, so the bits are the same, on vectors where the kernels allow.
     */
    public static void adamStep(Matrix theta, Matrix grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        requireSameShape(theta, grad);
        theta.written();
        if (theta.precision() == Precision.FLOAT64 && grad.precision() == Precision.FLOAT64) {
            Kernels.ACTIVE.adamStep(theta.doubleArray(), grad.doubleArray(), m, v, from, to, beta1, beta2, epsilon,
                    weightDecay, stepSize, correction2Sqrt);
        } else if (theta.precision() == Precision.FLOAT32 && grad.precision() == Precision.FLOAT32) {
            Kernels.ACTIVE.adamStep(theta.floatArray(), grad.floatArray(), m, v, from, to, beta1, beta2, epsilon,
                    weightDecay, stepSize, correction2Sqrt);
        } else {
            double keep1 = 1.0 - beta1;
            double keep2 = 1.0 - beta2;
            for (int i = from; i < to; i++) {
                double g = weightDecay != 0.0 ? grad.get(i) + weightDecay * theta.get(i) : grad.get(i);
                m[i] += (g - m[i]) * keep1;
                v[i] = v[i] * beta2 + keep2 * g * g;
                theta.set(i, theta.get(i) - stepSize * (m[i] / (Math.sqrt(v[i]) / correction2Sqrt + epsilon)));
            }
        }
    }

    private static void requireSameShape(Matrix expected, Matrix given) {
        if (!given.hasShape(expected.rows(), expected.cols())) {
            throw new IllegalArgumentException(
                    "Expected a " + expected.shape() + " matrix, got " + given.shape());
        }
    }
}
