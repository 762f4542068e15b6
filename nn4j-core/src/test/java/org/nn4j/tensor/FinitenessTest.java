package org.nn4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few-row product may skip the rows of b for a's zeros only while b is known to be finite: after any write that
 * puts an infinity or a NaN into b, through any method and through any matrix over b's array, the product must
 * again give what the plain loops give, NaN for {@code 0·∞}.
 */
class FinitenessTest {

    private static final int K = 64;
    private static final int M = 32;

    /** One sample whose first half is zero, as after a ReLU layer. */
    private static Matrix sample() {
        Matrix x = Matrix.zeros(1, K, Precision.FLOAT32);
        for (int t = K / 2; t < K; t++) {
            x.set(t, 1 + t % 3);
        }
        return x;
    }

    private static Matrix weights() {
        Matrix w = Matrix.zeros(K, M, Precision.FLOAT32);
        for (int i = 0; i < w.size(); i++) {
            w.set(i, (i % 7 - 3) * 0.125);
        }
        return w;
    }

    /** Runs the product enough times for the weights to be checked and the zeros skipped. */
    private static Matrix product(Matrix x, Matrix w) {
        Matrix out = Matrix.zeros(1, M, Precision.FLOAT32);
        for (int i = 0; i < 3; i++) {
            Matrix.multiply(x, w, out);
        }
        return out;
    }

    @Test
    void finiteWeightsGiveThePlainLoopsBitsOnceChecked() {
        Matrix x = sample();
        Matrix w = weights();
        Matrix expected = Matrix.zeros(1, M, Precision.FLOAT32);
        new ScalarKernels().multiply(x.floatArray(), w.floatArray(), expected.floatArray(), 1, K, M);
        assertThat(product(x, w).sameBits(expected)).isTrue();
    }

    static List<Object[]> writes() {
        // Each puts +∞ into w's first row, which the sample's zero multiplies.
        return List.of(
                write("set", w -> w.set(0, 3, Double.POSITIVE_INFINITY)),
                write("set of a float64 value past float32's range", w -> w.set(0, 3, 1e300)),
                write("fill", w -> w.fill(Double.POSITIVE_INFINITY)),
                write("copyFrom", w -> {
                    Matrix source = weights();
                    source.set(0, Double.POSITIVE_INFINITY);
                    w.copyFrom(source);
                }),
                write("subtractScaled", w -> {
                    Matrix step = Matrix.zeros(K, M, Precision.FLOAT32);
                    step.set(0, Double.NEGATIVE_INFINITY);
                    w.subtractScaled(step, 1.0);
                }),
                write("addToEachRow", w -> {
                    Matrix row = Matrix.zeros(1, M, Precision.FLOAT32);
                    row.set(0, Double.POSITIVE_INFINITY);
                    w.addToEachRow(row);
                }),
                write("weightedSum", w -> {
                    Matrix term = weights();
                    term.set(0, Double.POSITIVE_INFINITY);
                    Matrix.weightedSum(new Matrix[] {term}, new double[] {1.0}, 1, w, 0, w.size());
                }),
                write("gatherRows", w -> {
                    Matrix source = weights();
                    source.set(0, Double.POSITIVE_INFINITY);
                    int[] order = new int[K];
                    for (int i = 0; i < K; i++) {
                        order[i] = i;
                    }
                    Matrix.gatherRows(source, order, 0, w);
                }),
                write("a product's output", w -> {
                    Matrix big = Matrix.zeros(K, 1, Precision.FLOAT32);
                    big.set(0, Float.MAX_VALUE);
                    Matrix ones = Matrix.zeros(1, M, Precision.FLOAT32);
                    ones.fill(4.0);
                    Matrix.multiply(big, ones, w);
                }),
                write("Adam's step", w -> {
                    Matrix gradient = Matrix.zeros(K, M, Precision.FLOAT32);
                    gradient.set(0, Double.NaN);
                    Elementwise.adamStep(w, gradient, new double[w.size()], new double[w.size()], 0, w.size(), 0.9,
                            0.999, 1e-8, 0.0, 0.001, 1.0);
                }),
                write("bias and ReLU", w -> {
                    Matrix bias = Matrix.zeros(1, M, Precision.FLOAT32);
                    bias.set(0, Double.POSITIVE_INFINITY);
                    Elementwise.addBiasThenRelu(w, bias, w);
                }),
                write("a reshaped reuse of its array", w -> {
                    Matrix view = Matrix.reuseOrAllocate(w, 1, M, Precision.FLOAT32);
                    view.set(0, Double.POSITIVE_INFINITY);
                }));
    }

    private static Object[] write(String name, Consumer<Matrix> write) {
        return new Object[] {name, write};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aWriteOfANonFiniteValueIsSeenByTheNextProduct(String name, Consumer<Matrix> write) {
        Matrix x = sample();
        Matrix w = weights();
        product(x, w);
        write.accept(w);
        assertThat(Float.isFinite(w.floatArray()[0]) && Float.isFinite(w.floatArray()[3])).as("the write")
                .isFalse();
        Matrix out = product(x, w);
        Matrix expected = Matrix.zeros(1, M, Precision.FLOAT32);
        new ScalarKernels().multiply(x.floatArray(), w.floatArray(), expected.floatArray(), 1, K, M);
        assertThat(out.sameBits(expected)).as("%s against %s", out, expected).isTrue();
        assertThat(out.isFinite()).isFalse();
    }

    @Test
    void theFusedReluLayerSeesTheWriteToo() {
        Matrix x = sample();
        Matrix w = weights();
        Matrix bias = Matrix.zeros(1, M, Precision.FLOAT32);
        Matrix z = Matrix.zeros(1, M, Precision.FLOAT32);
        for (int i = 0; i < 3; i++) {
            Elementwise.multiplyAddBiasThenRelu(x, w, bias, z, z);
        }
        w.set(0, 0, Double.NaN);
        Elementwise.multiplyAddBiasThenRelu(x, w, bias, z, z);
        assertThat(z.get(0)).isNaN();
    }
}
