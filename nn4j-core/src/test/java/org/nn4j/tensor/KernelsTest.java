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
                new int[] {9, 17, 23}, new int[] {64, 64, 64}, new int[] {3, 1000, 3}, new int[] {130, 31, 129}));
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

    @Test
    void theTestsRunWithTheVectorKernels() {
        // The build enables jdk.incubator.vector for tests, so this suite checks the fast path, not the fallback.
        assertThat(Kernels.active()).startsWith("vector");
        assertThat(Kernels.choose("scalar").name()).isEqualTo("scalar");
    }

    @Test
    void theNumberOfThreadsChangesNoBit() {
        int n = 301;
        int k = 129;
        int m = 203;
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
