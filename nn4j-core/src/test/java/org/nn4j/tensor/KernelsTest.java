package org.nn4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast kernels against the plain loops, bit for bit, on random shapes: odd sizes, sizes around the tile and
 * block edges, and 1×N and N×1 operands.
 */
class KernelsTest {

    private static final MatrixKernels REFERENCE = new ScalarKernels();
    private static final MatrixKernels FAST = Kernels.choose("auto");

    static List<int[]> shapes() {
        List<int[]> shapes = new ArrayList<>(List.of(
                new int[] {1, 1, 1}, new int[] {1, 7, 1}, new int[] {1, 1, 33}, new int[] {33, 1, 1},
                new int[] {4, 2, 1}, new int[] {4, 2, 2}, new int[] {1, 300, 25}, new int[] {25, 300, 1},
                new int[] {5, 257, 24}, new int[] {4, 256, 48}, new int[] {7, 513, 49}, new int[] {128, 64, 10},
                new int[] {9, 17, 23}, new int[] {64, 64, 64}, new int[] {3, 1000, 3}, new int[] {130, 31, 129},
                // The layers of 784-256-128-10 with leftover rows and strips; a 10-class output layer.
                new int[] {67, 300, 128}, new int[] {21, 33, 256}, new int[] {130, 128, 10},
                // Batches of 1 and a few rows (no whole group of 8 rows), groups with leftover rows and columns.
                new int[] {1, 784, 256}, new int[] {3, 260, 128}, new int[] {7, 40, 160}, new int[] {8, 256, 32},
                new int[] {15, 257, 47}, new int[] {17, 513, 65}, new int[] {73, 129, 300}, new int[] {9, 300, 97},
                // More than one block of the summed index (blocks of at most 1024), over several bands of rows, with
                // leftover columns that carry their sums from block to block.
                new int[] {17, 1100, 10}, new int[] {139, 2100, 75}, new int[] {70, 1025, 40},
                // Layers narrower than a vector in sixteen-row tiles: whole bands, a band's last tile, leftover
                // rows; one block and several.
                new int[] {1024, 128, 10}, new int[] {100, 1500, 7}, new int[] {48, 64, 15}, new int[] {80, 40, 1}));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 24; i++) {
            shapes.add(new int[] {1 + random.nextInt(70), 1 + random.nextInt(300), 1 + random.nextInt(70)});
        }
        return shapes;
    }

    private static double[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            // Mixed magnitudes make any change of summation order visible in the last bits.
            values[i] = random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4));
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyProductMatchesThePlainLoopsBitForBit(int[] shape) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        double[] a = random(n * k, 1);
        double[] b = random(k * m, 2);
        assertSameBits(out -> REFERENCE.multiply(a, b, out, n, k, m), out -> FAST.multiply(a, b, out, n, k, m), n * m);

        double[] at = random(n * k, 3);
        double[] bn = random(n * m, 4);
        assertSameBits(out -> REFERENCE.multiplyTransposedA(at, bn, out, n, k, m),
                out -> FAST.multiplyTransposedA(at, bn, out, n, k, m), k * m);

        double[] bm = random(m * k, 5);
        assertSameBits(out -> REFERENCE.multiplyTransposedB(a, bm, out, n, k, m),
                out -> FAST.multiplyTransposedB(a, bm, out, n, k, m), n * m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyFloat32ProductMatchesThePlainLoopsBitForBit(int[] shape) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        float[] a = floats(random(n * k, 11));
        float[] b = floats(random(k * m, 12));
        assertSameFloatBits(out -> REFERENCE.multiply(a, b, out, n, k, m), out -> FAST.multiply(a, b, out, n, k, m),
                n * m);
        float[] bn = floats(random(n * m, 13));
        assertSameFloatBits(out -> REFERENCE.multiplyTransposedA(a, bn, out, n, k, m),
                out -> FAST.multiplyTransposedA(a, bn, out, n, k, m), k * m);
        float[] bm = floats(random(m * k, 14));
        assertSameFloatBits(out -> REFERENCE.multiplyTransposedB(a, bm, out, n, k, m),
                out -> FAST.multiplyTransposedB(a, bm, out, n, k, m), n * m);
    }

    @Test
    void aLargeFloat32RightOperandIsPackedASpanOfBlocksAtATime() {
        // 2100 × 2048 floats of packed panels pass the 4M-float limit: B is packed as spans of 1400 and 700 rows
        // (blocks of 700), and the 17 rows (two groups of 8 and one left over) carry their sums across the spans.
        int n = 17;
        int k = 2100;
        int m = 2050;
        float[] a = floats(random(n * k, 21));
        float[] b = floats(random(k * m, 22));
        assertSameFloatBits(out -> REFERENCE.multiply(a, b, out, n, k, m), out -> FAST.multiply(a, b, out, n, k, m),
                n * m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theFusedReluLayerMatchesTheProductThenBiasAndReluBitForBit(int[] shape) {
        int n = shape[0];
        int k = shape[1];
        int m = shape[2];
        float[] a = floats(random(n * k, 15));
        float[] b = floats(random(k * m, 16));
        float[] bias = floats(random(m, 17));
        // Special values in the bias reach every path: the tiles' stores, the leftover columns and rows.
        bias[m / 2] = Float.NaN;
        bias[m - 1] = m > 2 ? Float.POSITIVE_INFINITY : bias[m - 1];
        float[] zExpected = new float[n * m];
        float[] actExpected = new float[n * m];
        REFERENCE.multiplyAddBiasThenRelu(a, b, false, bias, zExpected, actExpected, n, k, m);
        float[] z = new float[n * m];
        float[] act = new float[n * m];
        java.util.Arrays.fill(z, -7f);
        java.util.Arrays.fill(act, Float.NaN);
        FAST.multiplyAddBiasThenRelu(a, b, false, bias, z, act, n, k, m);
        for (int i = 0; i < n * m; i++) {
            assertThat(Float.floatToRawIntBits(z[i])).as("z %d: %s vs %s", i, z[i], zExpected[i])
                    .isEqualTo(Float.floatToRawIntBits(zExpected[i]));
            assertThat(Float.floatToRawIntBits(act[i])).as("act %d: %s vs %s", i, act[i], actExpected[i])
                    .isEqualTo(Float.floatToRawIntBits(actExpected[i]));
        }
        // A ReLU layer passes one array as z and act: each element must end as its ReLU.
        for (MatrixKernels kernels : new MatrixKernels[] {REFERENCE, FAST}) {
            float[] both = new float[n * m];
            java.util.Arrays.fill(both, -7f);
            kernels.multiplyAddBiasThenRelu(a, b, false, bias, both, both, n, k, m);
            for (int i = 0; i < n * m; i++) {
                assertThat(Float.floatToRawIntBits(both[i])).as("in place, %s, element %d",
                        kernels.getClass().getSimpleName(), i).isEqualTo(Float.floatToRawIntBits(actExpected[i]));
            }
        }
        // And the reference is what it says: the product, then bias and ReLU.
        float[] product = new float[n * m];
        REFERENCE.multiply(a, b, product, n, k, m);
        for (int i = 0; i < n * m; i++) {
            float sum = product[i] + bias[i % m];
            assertThat(Float.floatToRawIntBits(zExpected[i])).isEqualTo(Float.floatToRawIntBits(sum));
            assertThat(Float.floatToRawIntBits(actExpected[i])).isEqualTo(Float.floatToRawIntBits(Math.max(sum, 0f)));
        }
    }

    @Test
    void theFloat32SoftmaxMatchesThePlainLoopBitForBit() {
        SplittableRandom random = new SplittableRandom(23);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            3e38f, -3e38f, 88.7f, -104f, 1e-30f};
        for (int trial = 0; trial < 304; trial++) {
            int rows = 1 + random.nextInt(70);
            int cols = 1 + random.nextInt(trial % 3 == 0 ? 40 : 12);
            if (trial >= 300) {
                // Rows as wide as the vector path takes, and wider ones, which go row by row.
                cols = 1023 + trial - 300;
            }
            float[] z = new float[rows * cols];
            for (int i = 0; i < z.length; i++) {
                // Logits far apart (exponentials down to subnormals and 0) and close together, some special.
                z[i] = random.nextInt(20) == 0 ? special[random.nextInt(special.length)]
                        : (float) (random.nextGaussian() * (trial % 2 == 0 ? 3 : 40));
            }
            float[] bias = trial % 4 == 3 ? null : floats(random(cols, trial));
            float[] zExpected = z.clone();
            float[] expected = new float[z.length];
            REFERENCE.addBiasThenSoftmax(zExpected, bias, expected, rows, cols);
            float[] zActual = z.clone();
            float[] actual = new float[z.length];
            java.util.Arrays.fill(actual, Float.NaN);
            FAST.addBiasThenSoftmax(zActual, bias, actual, rows, cols);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(zActual[i])).as("z %d of %dx%d", i, rows, cols)
                        .isEqualTo(Float.floatToRawIntBits(zExpected[i]));
                assertThat(Float.floatToRawIntBits(actual[i])).as("a %d of %dx%d: %s vs %s", i, rows, cols,
                        actual[i], expected[i]).isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
            // In place, as a caller may pass one array for both.
            float[] both = z.clone();
            FAST.addBiasThenSoftmax(both, bias, both, rows, cols);
            for (int i = 0; i < z.length; i++) {
                assertThat(Float.floatToRawIntBits(both[i])).as("in place %d", i)
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }

    @Test
    void bothTranspositionsGiveTheTranspose() {
        // The vector kernels gather on x86 and copy element by element elsewhere: both are checked here.
        for (int[] shape : new int[][] {{1, 1}, {3, 5}, {16, 16}, {17, 33}, {64, 784}, {130, 10}, {15, 300}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] from = floats(random(rows * cols, 19));
            float[] expected = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    expected[c * rows + r] = from[r * cols + c];
                }
            }
            float[] gathered = new float[rows * cols];
            FloatVectorKernels.transposeByGathers(from, gathered, rows, cols);
            float[] copied = new float[rows * cols];
            FloatVectorKernels.transposeByElements(from, copied, rows, cols);
            assertThat(gathered).as("gathered %dx%d", rows, cols).containsExactly(expected);
            assertThat(copied).as("copied %dx%d", rows, cols).containsExactly(expected);
        }
    }

    @Test
    void float32ProductsAreFusedMultiplyAdds() {
        // 1 + 2⁻¹³ squared is 1 + 2⁻¹² + 2⁻²⁶; float32 keeps 23 bits, so a separate multiply would round the
        // square to 1 + 2⁻¹² and the sum −(1 + 2⁻¹²) + x·x to 0, while a fused multiply-add keeps the 2⁻²⁶.
        float x = 1f + 0x1p-13f;
        float[] out = new float[1];
        FAST.multiply(new float[] {1f, x}, new float[] {-(1f + 0x1p-12f), x}, out, 1, 2, 1);
        assertThat(out[0]).isEqualTo(0x1p-26f);
        // The same through the vector tiles: 8 rows, 64 columns, the pair of products in every element.
        int n = 8;
        int m = 64;
        float[] a = new float[n * 2];
        float[] b = new float[2 * m];
        for (int r = 0; r < n; r++) {
            a[r * 2] = 1f;
            a[r * 2 + 1] = x;
        }
        for (int c = 0; c < m; c++) {
            b[c] = -(1f + 0x1p-12f);
            b[m + c] = x;
        }
        float[] big = new float[n * m];
        FAST.multiply(a, b, big, n, 2, m);
        for (float v : big) {
            assertThat(v).isEqualTo(0x1p-26f);
        }
    }

    @Test
    void theTestsRunWithTheVectorKernels() {
        // The build enables jdk.incubator.vector for tests, so this suite checks the fast path, not the fallback.
        assertThat(Kernels.active()).startsWith("vector");
        // The second run of this suite on x86 (the build's narrow-vectors profile) asks for 256-bit vectors.
        String bits = System.getProperty("nn4j.test.vectorBits");
        if (bits != null) {
            assertThat(Kernels.active()).contains("(" + bits + "-bit");
        }
        assertThat(Kernels.choose("scalar").name()).isEqualTo("scalar");
    }

    @Test
    void theNumberOfThreadsChangesNoBit() {
        int n = 301;
        int k = 259;
        int m = 233;
        double[] a = random(n * k, 6);
        double[] b = random(k * m, 7);
        double[] bt = random(m * k, 8);
        double[] bn = random(n * m, 9);
        int before = Kernels.threads();
        try {
            Kernels.setThreads(3);
            assertSameBits(out -> REFERENCE.multiply(a, b, out, n, k, m), out -> FAST.multiply(a, b, out, n, k, m),
                    n * m);
            assertSameBits(out -> REFERENCE.multiplyTransposedA(a, bn, out, n, k, m),
                    out -> FAST.multiplyTransposedA(a, bn, out, n, k, m), k * m);
            assertSameBits(out -> REFERENCE.multiplyTransposedB(a, bt, out, n, k, m),
                    out -> FAST.multiplyTransposedB(a, bt, out, n, k, m), n * m);
            // The float32 products, whose bands of rows follow their own tile height.
            float[] af = floats(a);
            float[] bf = floats(b);
            float[] bias = floats(random(m, 10));
            assertSameFloatBits(
                    z -> REFERENCE.multiplyAddBiasThenRelu(af, bf, false, bias, z, new float[n * m], n, k, m),
                    z -> FAST.multiplyAddBiasThenRelu(af, bf, false, bias, z, new float[n * m], n, k, m), n * m);
            float[] btf = floats(bt);
            float[] bnf = floats(bn);
            assertSameFloatBits(out -> REFERENCE.multiply(af, bf, out, n, k, m),
                    out -> FAST.multiply(af, bf, out, n, k, m), n * m);
            assertSameFloatBits(out -> REFERENCE.multiplyTransposedA(af, bnf, out, n, k, m),
                    out -> FAST.multiplyTransposedA(af, bnf, out, n, k, m), k * m);
            assertSameFloatBits(out -> REFERENCE.multiplyTransposedB(af, btf, out, n, k, m),
                    out -> FAST.multiplyTransposedB(af, btf, out, n, k, m), n * m);
        } finally {
            Kernels.setThreads(before);
        }
        assertThat(n * k * (long) m).isGreaterThan(KernelThreads.PARALLEL_WORK);
    }

    @Test
    void staleOutputIsOverwrittenNotAddedTo() {
        double[] a = {1, 2, 3, 4};
        double[] b = {5, 6, 7, 8};
        double[] out = {99, 99, 99, 99};
        FAST.multiply(a, b, out, 2, 2, 2);
        assertThat(out).containsExactly(19, 22, 43, 50);
        FAST.multiplyTransposedA(a, b, out, 2, 2, 2);
        assertThat(out).containsExactly(26, 30, 38, 44);
        FAST.multiplyTransposedB(a, b, out, 2, 2, 2);
        assertThat(out).containsExactly(17, 23, 39, 53);
    }

    private interface Product {
        void into(double[] out);
    }

    private interface FloatProduct {
        void into(float[] out);
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static void assertSameFloatBits(FloatProduct reference, FloatProduct fast, int size) {
        float[] expected = new float[size];
        float[] actual = new float[size];
        java.util.Arrays.fill(actual, Float.NaN);
        reference.into(expected);
        fast.into(actual);
        for (int i = 0; i < size; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    private static void assertSameBits(Product reference, Product fast, int size) {
        double[] expected = new double[size];
        double[] actual = new double[size];
        java.util.Arrays.fill(actual, Double.NaN);
        reference.into(expected);
        fast.into(actual);
        for (int i = 0; i < size; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("element %d: %s vs %s", i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }
}
