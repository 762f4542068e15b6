package org.nn4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels against the element-by-element loops they replace, bit for bit, on sizes around the
 * vector width and on the values where a shortcut would differ: −0, NaN, ±∞, subnormals.
 */
class ElementwiseTest {

    private static final MatrixKernels FAST = Kernels.choose("auto");

    /** Values where max, comparison and rounding have edge cases, mixed into random ones. */
    private static final double[] SPECIAL = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-40, -1e-40, 3.4e38, -1e300};

    private static Matrix random(int rows, int cols, Precision precision, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix m = Matrix.zeros(rows, cols, precision);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian());
        }
        return m;
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 256})
    void biasAndReluInOnePassMatchTheSeparatePasses(int cols) {
        for (Precision precision : Precision.values()) {
            int rows = 5;
            Matrix z = random(rows, cols, precision, cols);
            Matrix bias = random(1, cols, precision, cols + 1);
            Matrix expectedZ = z.copy();
            Matrix expectedA = Matrix.zeros(rows, cols, precision);
            // The two passes a layer took before: the bias row added, then max(z, 0) element by element.
            expectedZ.addToEachRow(bias);
            for (int i = 0; i < expectedZ.size(); i++) {
                expectedA.set(i, Math.max(expectedZ.get(i), 0.0));
            }
            Matrix a = Matrix.zeros(rows, cols, precision);
            a.fill(Double.NaN);
            Elementwise.addBiasThenRelu(z, bias, a);
            assertThat(z.sameBits(expectedZ)).as("z in %s", precision).isTrue();
            assertThat(a.sameBits(expectedA)).as("a in %s", precision).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {1, 2, 3, 10, 17, 100})
    void softmaxRowsMatchTheRowByRowLoopInBothPrecisions(int cols) {
        for (Precision precision : Precision.values()) {
            // Random rows with the special values mixed in (whole rows of NaN follow from one NaN or +∞), and
            // ordinary ones: a softmax that only ever saw NaN would pass anything. 40 rows: whole vectors of rows and
            // leftover ones.
            Matrix z = random(40, cols, precision, 7L * cols);
            for (int i = 0; i < 20 * cols; i++) {
                z.set(i, 30 * Math.sin(i + cols));
            }
            Matrix expected = precision == Precision.FLOAT64 ? float64Softmax(z) : float32Softmax(z);
            Matrix a = Matrix.zeros(z.rows(), cols, precision);
            a.fill(Double.NaN);
            Elementwise.softmaxRows(z, a);
            assertThat(a.sameBits(expected)).as("%s", precision).isTrue();
            assertThat(a.get(0, 0)).as("an ordinary row's value").isBetween(0.0, 1.0);
            if (precision == Precision.FLOAT32) {
                // The float32 softmax is the float64 one on ordinary rows, to float32's precision: the exponent
                // z − m is itself rounded to float32 (by up to 2⁻¹⁹ here), which e^x turns into a relative error.
                Matrix exact = float64Softmax(z.toPrecision(Precision.FLOAT64));
                for (int i = 0; i < 20 * cols; i++) {
                    assertThat(a.get(i)).isCloseTo(exact.get(i),
                            org.assertj.core.data.Offset.offset(1e-5 * exact.get(i) + 1e-44));
                }
            }
        }
    }

    @Test
    void aSoftmaxLayersBiasIsAddedToZOnTheWay() {
        for (Precision precision : Precision.values()) {
            Matrix z = random(37, 10, precision, 5);
            Matrix bias = random(1, 10, precision, 6);
            Matrix expectedZ = z.copy();
            expectedZ.addToEachRow(bias);
            Matrix expected = precision == Precision.FLOAT64 ? float64Softmax(expectedZ) : float32Softmax(expectedZ);
            Matrix a = Matrix.zeros(37, 10, precision);
            Elementwise.addBiasThenSoftmax(z, bias, a);
            assertThat(z.sameBits(expectedZ)).as("z in %s", precision).isTrue();
            assertThat(a.sameBits(expected)).as("a in %s", precision).isTrue();
        }
    }

    /** Row by row in float64 with {@link Math#exp}, summed in column order. */
    private static Matrix float64Softmax(Matrix z) {
        Matrix expected = Matrix.zeros(z.rows(), z.cols(), z.precision());
        for (int r = 0; r < z.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z.cols(); c++) {
                max = Math.max(max, z.get(r, c));
            }
            double sum = 0.0;
            for (int c = 0; c < z.cols(); c++) {
                double e = Math.exp(z.get(r, c) - max);
                expected.set(r, c, e);
                sum += e;
            }
            for (int c = 0; c < z.cols(); c++) {
                expected.set(r, c, expected.get(r, c) / sum);
            }
        }
        return expected;
    }

    /** The same in float32, every step rounded to float32, with {@link FloatExponential}. */
    private static Matrix float32Softmax(Matrix z) {
        Matrix expected = Matrix.zeros(z.rows(), z.cols(), Precision.FLOAT32);
        for (int r = 0; r < z.rows(); r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < z.cols(); c++) {
                max = Math.max(max, (float) z.get(r, c));
            }
            float sum = 0f;
            for (int c = 0; c < z.cols(); c++) {
                float e = FloatExponential.exp((float) z.get(r, c) - max);
                expected.set(r, c, e);
                sum += e;
            }
            for (int c = 0; c < z.cols(); c++) {
                expected.set(r, c, (float) expected.get(r, c) / sum);
            }
        }
        return expected;
    }

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {1, 7, 8, 9, 16, 17, 33, 100, 1000})
    void reluBackwardMatchesTheElementLoop(int size) {
        for (Precision precision : Precision.values()) {
            Matrix z = random(1, size, precision, size);
            Matrix gradA = random(1, size, precision, size + 1);
            Matrix expected = Matrix.zeros(1, size, precision);
            for (int i = 0; i < size; i++) {
                expected.set(i, z.get(i) > 0.0 ? gradA.get(i) : 0.0);
            }
            Matrix gradZ = Matrix.zeros(1, size, precision);
            gradZ.fill(Double.NaN);
            Elementwise.reluBackward(z, gradA, gradZ);
            assertThat(gradZ.sameBits(expected)).as("%s", precision).isTrue();
        }
    }

    @Test
    void reluOfNegativeZeroIsPositiveZeroAndOfNaNIsNaN() {
        // max(−0, 0) is +0 in Java; a vector max that took the first operand on ties would give −0.
        double[] z = {-0.0, Double.NaN, -1, 2, -0.0, Double.NaN, -1, 2, -0.0, Double.NaN, -1, 2, -0.0, Double.NaN,
            -1, 2, -0.0};
        double[] a = new double[z.length];
        FAST.addBiasThenRelu(z.clone(), new double[z.length], a, 1, z.length);
        for (int i = 0; i < z.length; i++) {
            double expected = i % 4 == 0 ? 0.0 : i % 4 == 1 ? Double.NaN : i % 4 == 2 ? 0.0 : 2.0;
            assertThat(Double.doubleToRawLongBits(a[i])).as("element %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
        float[] zf = new float[z.length];
        float[] af = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        FAST.addBiasThenRelu(zf, new float[z.length], af, 1, z.length);
        for (int i = 0; i < z.length; i++) {
            assertThat(Float.floatToRawIntBits(af[i])).as("element %d", i)
                    .isEqualTo(Float.floatToRawIntBits((float) Math.max(z[i], 0.0)));
        }
    }

    @Test
    void adamStepMatchesTheElementLoopInBothPrecisionsWithAndWithoutDecay() {
        for (Precision precision : Precision.values()) {
            for (double decay : new double[] {0.0, 0.01}) {
                int size = 77;
                Matrix theta = random(1, size, precision, 3);
                Matrix grad = random(1, size, precision, 4);
                for (int i = 0; i < size; i++) {
                    // Finite values: Adam over NaN gives NaN whichever loop runs, and hides nothing.
                    theta.set(i, Double.isFinite(theta.get(i)) ? theta.get(i) : 0.5);
                    grad.set(i, Double.isFinite(grad.get(i)) ? grad.get(i) : -0.25);
                }
                double[] m = new double[size];
                double[] v = new double[size];
                Matrix expected = theta.copy();
                double[] em = new double[size];
                double[] ev = new double[size];
                for (int step = 1; step <= 3; step++) {
                    double stepSize = 0.01 / (1.0 - Math.pow(0.9, step));
                    double c2 = Math.sqrt(1.0 - Math.pow(0.999, step));
                    // In two ranges, as threads split a parameter: each starts and ends off the vector grid.
                    Elementwise.adamStep(theta, grad, m, v, 0, 13, 0.9, 0.999, 1e-8, decay, stepSize, c2);
                    Elementwise.adamStep(theta, grad, m, v, 13, size, 0.9, 0.999, 1e-8, decay, stepSize, c2);
                    // Adam's element loop as it was written before the kernel.
                    for (int i = 0; i < size; i++) {
                        double g = grad.get(i);
                        if (decay != 0.0) {
                            g += decay * expected.get(i);
                        }
                        em[i] += (g - em[i]) * (1.0 - 0.9);
                        ev[i] = ev[i] * 0.999 + (1.0 - 0.999) * g * g;
                        double denominator = Math.sqrt(ev[i]) / c2 + 1e-8;
                        expected.set(i, expected.get(i) - stepSize * (em[i] / denominator));
                    }
                }
                assertThat(theta.sameBits(expected)).as("%s, decay %s", precision, decay).isTrue();
                assertThat(m).containsExactly(em);
                assertThat(v).containsExactly(ev);
            }
        }
    }

    @ParameterizedTest(name = "{0} elements")
    @ValueSource(ints = {1, 7, 8, 9, 16, 17, 33, 100})
    void finitenessIsFoundWhereverTheBadValueSits(int size) {
        MatrixKernels plain = Kernels.choose("scalar");
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Precision precision : Precision.values()) {
            Matrix m = Matrix.zeros(1, size + 2, precision);
            for (int i = 0; i < m.size(); i++) {
                m.set(i, i % 3 == 0 ? -Double.MIN_VALUE : (i - 5) * 1e30);
            }
            m.set(0, 3.4e38);
            assertThat(m.isFinite(1, size + 1)).as("%s, all finite", precision).isTrue();
            for (double value : bad) {
                // A bad value just outside the range counts for nothing; inside it, at any position, it is found.
                m.set(size + 1, value);
                assertThat(m.isFinite(1, size + 1)).as("%s, %s past the end", precision, value).isTrue();
                m.set(size + 1, 0.0);
                for (int at = 1; at <= size; at++) {
                    double kept = m.get(at);
                    m.set(at, value);
                    assertThat(m.isFinite(1, size + 1)).as("%s, %s at %d", precision, value, at).isFalse();
                    boolean plainSays = precision == Precision.FLOAT64
                            ? plain.allFinite(m.doubleArray(), 1, size + 1)
                            : plain.allFinite(m.floatArray(), 1, size + 1);
                    boolean fastSays = precision == Precision.FLOAT64
                            ? FAST.allFinite(m.doubleArray(), 1, size + 1)
                            : FAST.allFinite(m.floatArray(), 1, size + 1);
                    assertThat(fastSays).isEqualTo(plainSays).isFalse();
                    m.set(at, kept);
                }
            }
        }
    }

    @Test
    void aBiasOfTheWrongWidthIsNamed() {
        Matrix z = Matrix.zeros(2, 3);
        assertThatThrownBy(() -> Elementwise.addBiasThenRelu(z, Matrix.zeros(1, 4), Matrix.zeros(2, 3)))
                .hasMessage("Expected a 1×3 bias and a 2×3 output for a 2×3 pre-activation, got 1×4 and 2×3");
    }
}
