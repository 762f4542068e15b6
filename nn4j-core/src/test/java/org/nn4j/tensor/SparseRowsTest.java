package org.nn4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Few-row float32 products told that b is finite skip b's rows for a's zeros: the bits must stay those of the plain
 * loops, for every share of zeros (none, a few, half as after ReLU, all), for −0 as well as +0, for rows whose sums
 * cancel to zero, and on every path (the wide rows, the columns after the last vector, blocks of the summed index).
 */
class SparseRowsTest {

    private static final MatrixKernels REFERENCE = new ScalarKernels();
    private static final MatrixKernels FAST = Kernels.choose("auto");

    static List<Object[]> cases() {
        List<int[]> shapes = List.of(
                // The layers of 784-256-128-10 at a batch of 1; a few rows; narrow and odd widths.
                new int[] {1, 784, 256}, new int[] {1, 256, 128}, new int[] {1, 128, 10}, new int[] {3, 260, 128},
                new int[] {7, 40, 160}, new int[] {1, 300, 25}, new int[] {2, 64, 47}, new int[] {1, 33, 16},
                new int[] {5, 100, 300}, new int[] {1, 17, 1},
                // More than one block of the summed index (blocks of at most 1024), and b's last rows, whose vector
                // would run past its end.
                new int[] {2, 1100, 10}, new int[] {1, 2100, 75}, new int[] {1, 1030, 3});
        double[] zeroShares = {0.0, 0.1, 0.3, 0.5, 0.9, 1.0};
        List<Object[]> cases = new ArrayList<>();
        for (int[] shape : shapes) {
            for (double share : zeroShares) {
                cases.add(new Object[] {shape[0] + "x" + shape[1] + "x" + shape[2] + ", zeros " + share, shape,
                        share});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aFiniteBSkipsZerosWithTheSameBits(String name, int[] shape, double zeroShare) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        SplittableRandom random = new SplittableRandom(n * 31L + k * 7L + m);
        float[] a = new float[n * k];
        for (int i = 0; i < a.length; i++) {
            double u = random.nextDouble();
            // Zeros of both signs; the rest of mixed magnitudes, so that a change of order shows in the last bits.
            a[i] = u < zeroShare / 2 ? 0f : u < zeroShare ? -0f
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4)));
        }
        float[] b = new float[k * m];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4)));
        }
        // Column 0 of b is zero, and one row of a holds only ±0 and two opposite values: sums that are zero, whose
        // sign the skipped ±0 products could change if the sums did not start from +0.
        for (int t = 0; t < k; t++) {
            b[t * m] = t % 3 == 0 ? -0f : 0f;
        }
        if (k >= 2 && zeroShare > 0) {
            Arrays.fill(a, 0, k, -0f);
            a[0] = 3f;
            a[1] = -3f;
            for (int c = 0; c < m; c++) {
                b[m + c] = b[c];
            }
        }
        assertSameBits(out -> REFERENCE.multiply(a, b, out, n, k, m), out -> FAST.multiply(a, b, true, out, n, k, m),
                n * m);
        float[] bias = new float[m];
        for (int c = 0; c < m; c++) {
            bias[c] = (float) random.nextGaussian();
        }
        float[] expectedAct = new float[n * m];
        float[] act = new float[n * m];
        assertSameBits(z -> REFERENCE.multiplyAddBiasThenRelu(a, b, false, bias, z, expectedAct, n, k, m),
                z -> FAST.multiplyAddBiasThenRelu(a, b, true, bias, z, act, n, k, m), n * m);
        for (int i = 0; i < n * m; i++) {
            assertThat(Float.floatToRawIntBits(act[i])).as("act %d", i)
                    .isEqualTo(Float.floatToRawIntBits(expectedAct[i]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aNaNInAIsNotAZeroAndReachesItsRow(String name, int[] shape, double zeroShare) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        float[] a = new float[n * k];
        SplittableRandom random = new SplittableRandom(k);
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() < zeroShare ? 0f : (float) random.nextGaussian();
        }
        a[a.length - 1] = Float.NaN;
        float[] b = new float[k * m];
        Arrays.fill(b, 0.5f);
        float[] out = new float[n * m];
        FAST.multiply(a, b, true, out, n, k, m);
        for (int c = 0; c < m; c++) {
            assertThat(out[(n - 1) * m + c]).as("last row, column %d", c).isNaN();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRowsOfBForZerosAreSkippedWhenZerosAreMany(String name, int[] shape, double zeroShare) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        // Told, wrongly, that b is finite: an infinity in b's row for a zero shows whether that row was read.
        float[] a = new float[n * k];
        int zeros = (int) Math.round(k * zeroShare);
        for (int r = 0; r < n; r++) {
            for (int t = zeros; t < k; t++) {
                a[r * k + t] = 1f + t % 5;
            }
        }
        float[] b = new float[k * m];
        Arrays.fill(b, 0.25f);
        if (zeros > 0) {
            Arrays.fill(b, 0, m, Float.POSITIVE_INFINITY);
        }
        float[] out = new float[n * m];
        FAST.multiply(a, b, true, out, n, k, m);
        // Half zeros or more are skipped, a tenth read: by the vector kernels, for products too large for the plain
        // loops, which read every row.
        boolean vector = !(FAST instanceof ScalarKernels) && (long) n * k * m > 512;
        for (int i = 0; i < n * m; i++) {
            if (vector && zeroShare >= 0.5) {
                assertThat(out[i]).as("element %d, its infinity skipped", i).isFinite();
            } else if (zeros > 0 && zeroShare <= 0.1) {
                assertThat(out[i]).as("element %d, 0·∞ read", i).isNaN();
            }
        }
    }

    private interface FloatProduct {
        void into(float[] out);
    }

    private static void assertSameBits(FloatProduct reference, FloatProduct fast, int size) {
        float[] expected = new float[size];
        float[] actual = new float[size];
        Arrays.fill(actual, Float.NaN);
        reference.into(expected);
        fast.into(actual);
        for (int i = 0; i < size; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}
