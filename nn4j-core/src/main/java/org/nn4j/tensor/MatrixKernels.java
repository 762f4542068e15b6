package org.nn4j.tensor;

/**
 * The three matrix products of a dense layer, on flat row-major arrays: {@code out = a·b} (forward),
 * {@code out = aᵀ·b} (weight gradient) and {@code out = a·bᵀ} (input gradient), and the element-wise work of a ReLU
 * layer around them: bias and activation in one pass, and the activation's derivative; a float32 softmax layer's
 * bias and activation; Adam's update; and the check that a gradient is finite. Shapes are checked by
 * {@link Matrix} and {@link Elementwise}; implementations trust them.
 *
 * <p>Every implementation gives the same bits: each output element is the sum of its products taken in increasing
 * order of the summed index, starting from 0. In float64 each product is rounded before it is added (no fused
 * multiply-add), which keeps the tutorial's reproduction exact; in float32 each step is one fused multiply-add,
 * which is faster and rounds less. Either way the result does not depend on which kernel runs.
 */
interface MatrixKernels {

    /**
     * Products of fewer rows than this (a batch of 1) read b once per row, where skipping b's rows for a's zeros
     * saves most; {@link Matrix} finds out whether b is finite for them only.
     */
    int FEW_ROWS = 8;

    /** A short description for reports, e.g. {@code vector (512-bit, 8 doubles per lane group)}. */
    String name();

    /** {@code out[n×m] = a[n×k] · b[k×m]}. */
    void multiply(double[] a, double[] b, double[] out, int n, int k, int m);

    /** {@code out[k×m] = a[n×k]ᵀ · b[n×m]}. */
    void multiplyTransposedA(double[] a, double[] b, double[] out, int n, int k, int m);

    /** {@code out[n×m] = a[n×k] · b[m×k]ᵀ}. */
    void multiplyTransposedB(double[] a, double[] b, double[] out, int n, int k, int m);

    /** {@code out[n×m] = a[n×k] · b[k×m]} in float32. */
    void multiply(float[] a, float[] b, float[] out, int n, int k, int m);

    /**
     * As {@link #multiply(float[], float[], float[], int, int, int)}, told whether b is known to hold no NaN and no
     * infinity. If it is, a zero in a adds exactly nothing: {@code 0·w} is ±0 for a finite w, and a sum that starts
     * from +0 is never −0 (round-to-nearest gives +0 for {@code +0 + −0} and for {@code x + (−x)}), so adding ±0
     * leaves it as it is. Kernels may then skip b's row for that zero and give the same bits. Only products of fewer
     * than {@link #FEW_ROWS} rows are told.
     */
    default void multiply(float[] a, float[] b, boolean bFinite, float[] out, int n, int k, int m) {
        multiply(a, b, out, n, k, m);
    }

    /** {@code out[k×m] = a[n×k]ᵀ · b[n×m]} in float32. */
    void multiplyTransposedA(float[] a, float[] b, float[] out, int n, int k, int m);

    /** {@code out[n×m] = a[n×k] · b[m×k]ᵀ} in float32. */
    void multiplyTransposedB(float[] a, float[] b, float[] out, int n, int k, int m);

    /**
     * The bias and ReLU of a layer in one pass over its rows×cols pre-activation: {@code z[r][c] += bias[c]}, then
     * {@code a[r][c] = max(z[r][c], 0)}, each rounded as the separate passes would.
     */
    void addBiasThenRelu(double[] z, double[] bias, double[] a, int rows, int cols);

    /** As {@link #addBiasThenRelu(double[], double[], double[], int, int)} in float32. */
    void addBiasThenRelu(float[] z, float[] bias, float[] a, int rows, int cols);

    /**
     * A ReLU layer's forward pass in float32: {@code z = a·b}, then {@link #addBiasThenRelu(float[], float[],
     * float[], int, int) addBiasThenRelu(z, bias, act, n, m)}, with the same bits; {@code bFinite} as for
     * {@link #multiply(float[], float[], boolean, float[], int, int, int)}. Kernels that can add the bias and
     * apply ReLU while a product's sums are still in registers override this, saving a pass over z.
     */
    default void multiplyAddBiasThenRelu(float[] a, float[] b, boolean bFinite, float[] bias, float[] z, float[] act,
            int n, int k, int m) {
        multiply(a, b, bFinite, z, n, k, m);
        addBiasThenRelu(z, bias, act, n, m);
    }

    /**
     * A softmax layer's bias and activation in float32, row by row over rows×cols: {@code z[c] += bias[c]} (no bias
     * when null), then with m the row's maximum of z, {@code e[c] = FloatExponential.exp(z[c] − m)}, their sum s
     * added in column order from 0, and {@code a[c] = e[c] / s}, every step rounded to float32.
     */
    void addBiasThenSoftmax(float[] z, float[] bias, float[] a, int rows, int cols);

    /** ReLU's derivative times the incoming gradient: {@code gradZ[i] = z[i] > 0 ? gradA[i] : 0} for i &lt; size. */
    void reluBackward(double[] z, double[] gradA, double[] gradZ, int size);

    /** As {@link #reluBackward(double[], double[], double[], int)} in float32. */
    void reluBackward(float[] z, float[] gradA, float[] gradZ, int size);

    /**
     * One Adam step over the elements {@code from..to} of θ, with float64 moments m and v: with
     * {@code g = grad + weightDecay·θ}, {@code m += (g − m)·(1 − β₁)}, {@code v = v·β₂ + (1 − β₂)·g·g},
     * {@code θ −= stepSize · m / (√v / correction2Sqrt + ε)}, each operation rounded in this order.
     */
    void adamStep(double[] theta, double[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt);

    /** As {@link #adamStep(double[], double[], double[], double[], int, int, double, double, double, double,
     * double, double)} for float32 θ and gradient, computed in float64 and rounded to float32 once per element. */
    void adamStep(float[] theta, float[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt);

    /** True when {@code x[from..to)} holds no NaN and no infinity. */
    boolean allFinite(double[] x, int from, int to);

    /** As {@link #allFinite(double[], int, int)} in float32. */
    boolean allFinite(float[] x, int from, int to);
}
