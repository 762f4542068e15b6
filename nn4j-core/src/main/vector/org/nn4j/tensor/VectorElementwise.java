package org.nn4j.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise kernels of {@link VectorKernels} on the Vector API: a ReLU layer's bias and activation in one
 * pass, ReLU's backward step, Adam's update (in float64 arithmetic, for float64 and float32 parameters) and the
 * check that a gradient is finite. Each
 * runs whole vectors and finishes the last elements with {@link ScalarKernels}' loop, in the same operations and
 * order, so the bits are the loop's.
 */
final class VectorElementwise {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int FLOAT_LANES = FLOATS.length();
    /** Elements of float32 parameters that Adam's update widens at a time (a multiple of every lane count). */
    private static final int ADAM_CHUNK = 512;
    private static final ThreadLocal<double[]> ADAM_THETA = ThreadLocal.withInitial(() -> new double[ADAM_CHUNK]);
    private static final ThreadLocal<double[]> ADAM_GRAD = ThreadLocal.withInitial(() -> new double[ADAM_CHUNK]);
    private static final ScalarKernels PLAIN = new ScalarKernels();

    private VectorElementwise() {
    }

    static void addBiasThenRelu(float[] z, float[] bias, float[] a, int rows, int cols) {
        addBiasThenRelu(z, bias, a, 0, rows, cols);
    }

    /** As {@link #addBiasThenRelu(float[], float[], float[], int, int)} over rows {@code fromRow..toRow} only. */
    static void addBiasThenRelu(float[] z, float[] bias, float[] a, int fromRow, int toRow, int cols) {
        FloatVector zero = FloatVector.zero(FLOATS);
        int vectorCols = cols - cols % FLOAT_LANES;
        for (int r = fromRow; r < toRow; r++) {
            int row = r * cols;
            int c = 0;
            for (; c < vectorCols; c += FLOAT_LANES) {
                FloatVector sum = FloatVector.fromArray(FLOATS, z, row + c)
                        .add(FloatVector.fromArray(FLOATS, bias, c));
                sum.intoArray(z, row + c);
                sum.max(zero).intoArray(a, row + c);
            }
            for (; c < cols; c++) {
                float sum = z[row + c] + bias[c];
                z[row + c] = sum;
                a[row + c] = Math.max(sum, 0f);
            }
        }
    }

    static void reluBackward(float[] z, float[] gradA, float[] gradZ, int size) {
        FloatVector zero = FloatVector.zero(FLOATS);
        int i = 0;
        for (int vectorEnd = size - size % FLOAT_LANES; i < vectorEnd; i += FLOAT_LANES) {
            VectorMask<Float> positive = FloatVector.fromArray(FLOATS, z, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(FLOATS, gradA, i), positive).intoArray(gradZ, i);
        }
        for (; i < size; i++) {
            gradZ[i] = z[i] > 0f ? gradA[i] : 0f;
        }
    }

    static void addBiasThenRelu(double[] z, double[] bias, double[] a, int rows, int cols) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int vectorCols = cols - cols % LANES;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int c = 0;
            for (; c < vectorCols; c += LANES) {
                DoubleVector sum = DoubleVector.fromArray(SPECIES, z, row + c)
                        .add(DoubleVector.fromArray(SPECIES, bias, c));
                sum.intoArray(z, row + c);
                sum.max(zero).intoArray(a, row + c);
            }
            for (; c < cols; c++) {
                double sum = z[row + c] + bias[c];
                z[row + c] = sum;
                a[row + c] = Math.max(sum, 0.0);
            }
        }
    }

    static void reluBackward(double[] z, double[] gradA, double[] gradZ, int size) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        int i = 0;
        for (int vectorEnd = size - size % LANES; i < vectorEnd; i += LANES) {
            VectorMask<Double> positive = DoubleVector.fromArray(SPECIES, z, i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(SPECIES, gradA, i), positive).intoArray(gradZ, i);
        }
        for (; i < size; i++) {
            gradZ[i] = z[i] > 0.0 ? gradA[i] : 0.0;
        }
    }

    static void adamStep(double[] theta, double[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        int i = from;
        for (int end = to - (to - from) % LANES; i < end; i += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, theta, i);
            DoubleVector g = DoubleVector.fromArray(SPECIES, grad, i);
            if (weightDecay != 0.0) {
                g = g.add(t.mul(weightDecay));
            }
            adamMoments(g, t, m, v, i, keep1, beta2, keep2, epsilon, stepSize, correction2Sqrt).intoArray(theta, i);
        }
        PLAIN.adamStep(theta, grad, m, v, i, to, beta1, beta2, epsilon, weightDecay, stepSize, correction2Sqrt);
    }

    /**
     * Adam's update of float32 parameters with float64 moments, a chunk at a time: the chunk's parameters and
     * gradients are widened (exactly) into per-thread double arrays, updated there on double vectors as in
     * float64, and rounded back to float32 once, as the scalar loop's cast does. The widening is element by element
     * on purpose: on JDK 17, float vectors of a second shape beside the products' make the JIT give up on both.
     */
    static void adamStep(float[] theta, float[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        double[] t = ADAM_THETA.get();
        double[] g = ADAM_GRAD.get();
        int end = to - (to - from) % LANES;
        for (int c0 = from; c0 < end; c0 += ADAM_CHUNK) {
            int n = Math.min(ADAM_CHUNK, end - c0);
            for (int j = 0; j < n; j++) {
                t[j] = theta[c0 + j];
                g[j] = grad[c0 + j];
            }
            for (int j = 0; j < n; j += LANES) {
                DoubleVector tv = DoubleVector.fromArray(SPECIES, t, j);
                DoubleVector gv = DoubleVector.fromArray(SPECIES, g, j);
                if (weightDecay != 0.0) {
                    gv = gv.add(tv.mul(weightDecay));
                }
                adamMoments(gv, tv, m, v, c0 + j, keep1, beta2, keep2, epsilon, stepSize, correction2Sqrt)
                        .intoArray(t, j);
            }
            for (int j = 0; j < n; j++) {
                theta[c0 + j] = (float) t[j];
            }
        }
        PLAIN.adamStep(theta, grad, m, v, end, to, beta1, beta2, epsilon, weightDecay, stepSize, correction2Sqrt);
    }

    /** Updates m and v at {@code i} from the gradient g and returns the new θ, in the scalar loop's order. */
    private static DoubleVector adamMoments(DoubleVector g, DoubleVector t, double[] m, double[] v, int i,
            double keep1, double beta2, double keep2, double epsilon, double stepSize, double correction2Sqrt) {
        DoubleVector mi = DoubleVector.fromArray(SPECIES, m, i);
        mi = mi.add(g.sub(mi).mul(keep1));
        mi.intoArray(m, i);
        DoubleVector vi = DoubleVector.fromArray(SPECIES, v, i);
        vi = vi.mul(beta2).add(g.mul(keep2).mul(g));
        vi.intoArray(v, i);
        DoubleVector denominator = vi.lanewise(VectorOperators.SQRT).div(correction2Sqrt).add(epsilon);
        return t.sub(mi.div(denominator).mul(stepSize));
    }

    /**
     * Whole vectors accumulate {@code x − x}, which is 0 for a finite number and NaN for NaN or ±∞, so one look at
     * the sum at the end answers for all of them: a loop that stops at the first bad element cannot run on vectors,
     * and this one ran 6× as fast over a network's gradient.
     */
    static boolean allFinite(double[] x, int from, int to) {
        if (to - from < LANES) {
            // No whole vector (the tutorial's weights): the plain loop, which also runs fast before the compiler
            // has turned vector code into vector instructions.
            return PLAIN.allFinite(x, from, to);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        int i = from;
        for (int vectorEnd = to - (to - from) % LANES; i < vectorEnd; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            sum = sum.add(v.sub(v));
        }
        if (sum.reduceLanes(VectorOperators.ADD) != 0.0) {
            return false;
        }
        for (; i < to; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean allFinite(float[] x, int from, int to) {
        if (to - from < FLOAT_LANES) {
            return PLAIN.allFinite(x, from, to);
        }
        FloatVector sum = FloatVector.zero(FLOATS);
        int i = from;
        for (int vectorEnd = to - (to - from) % FLOAT_LANES; i < vectorEnd; i += FLOAT_LANES) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, i);
            sum = sum.add(v.sub(v));
        }
        if (sum.reduceLanes(VectorOperators.ADD) != 0f) {
            return false;
        }
        for (; i < to; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
