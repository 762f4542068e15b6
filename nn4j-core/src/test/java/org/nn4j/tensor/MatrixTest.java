package org.nn4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

    private final Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private final Matrix b = Matrix.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});

    @Test
    void multipliesRowsByColumns() {
        Matrix out = Matrix.zeros(2, 2);
        Matrix.multiply(a, b, out);
        // By hand: [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        assertThat(out.toRows()).isEqualTo(new double[][] {{58, 64}, {139, 154}});
    }

    @Test
    void multipliesWithTheFirstFactorTransposed() {
        Matrix out = Matrix.zeros(3, 3);
        Matrix.multiplyTransposedA(a, a, out);
        assertThat(out.toRows()).isEqualTo(new double[][] {{17, 22, 27}, {22, 29, 36}, {27, 36, 45}});
    }

    @Test
    void multipliesWithTheSecondFactorTransposed() {
        Matrix out = Matrix.zeros(2, 2);
        Matrix.multiplyTransposedB(a, a, out);
        assertThat(out.toRows()).isEqualTo(new double[][] {{14, 32}, {32, 77}});
    }

    @Test
    void addsARowToEveryRowAndSumsColumns() {
        Matrix m = a.copy();
        m.addToEachRow(Matrix.row(10, 20, 30));
        assertThat(m.toRows()).isEqualTo(new double[][] {{11, 22, 33}, {14, 25, 36}});
        Matrix sums = Matrix.zeros(1, 3);
        a.sumColumnsInto(sums);
        assertThat(sums.toArray()).containsExactly(5, 7, 9);
    }

    @Test
    void reusesAWorkspaceOfTheRightShapeOnly() {
        Matrix workspace = Matrix.zeros(2, 3);
        assertThat(Matrix.reuseOrAllocate(workspace, 2, 3)).isSameAs(workspace);
        assertThat(Matrix.reuseOrAllocate(workspace, 3, 2)).isNotSameAs(workspace).matches(m -> m.hasShape(3, 2));
    }

    @Test
    void aWorkspaceWhoseRowCountChangesKeepsItsElements() {
        Matrix workspace = Matrix.of(3, 2, 1, 2, 3, 4, 5, 6);
        Matrix fewer = Matrix.reuseOrAllocate(workspace, 2, 2, Precision.FLOAT64);
        assertThat(fewer.hasShape(2, 2)).isTrue();
        assertThat(fewer.size()).isEqualTo(4);
        assertThat(fewer.toArray()).containsExactly(1, 2, 3, 4);
        fewer.set(0, 9);
        assertThat(workspace.get(0)).as("the same elements, not a copy").isEqualTo(9);
        assertThat(fewer.copy().toArray()).containsExactly(9, 2, 3, 4);
        // Back to three rows: the elements are still enough; more than they hold means new zeros.
        assertThat(Matrix.reuseOrAllocate(fewer, 3, 2, Precision.FLOAT64).toArray()).containsExactly(9, 2, 3, 4, 5, 6);
        assertThat(Matrix.reuseOrAllocate(fewer, 4, 2, Precision.FLOAT64).toArray()).containsOnly(0);
        Matrix product = Matrix.reuseOrAllocate(workspace, 1, 2, Precision.FLOAT64);
        Matrix.multiply(Matrix.of(1, 1, 2), Matrix.of(1, 2, 3, 4), product);
        assertThat(product.toArray()).containsExactly(6, 8);
        assertThat(workspace.get(2)).as("past the smaller matrix, untouched").isEqualTo(3);
    }

    @Test
    void namesBothShapesWhenTheyDoNotFit() {
        assertThatThrownBy(() -> Matrix.multiply(a, a, Matrix.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a = 2×3, b = 2×3");
        assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 1 has 1");
    }

    @Test
    void float32MatricesRoundOnWriteAndConvertOnCopy() {
        Matrix f = Matrix.zeros(2, 2, Precision.FLOAT32);
        assertThat(f.precision()).isEqualTo(Precision.FLOAT32);
        f.set(0, 0.1);
        assertThat(f.get(0)).isEqualTo((double) 0.1f).isNotEqualTo(0.1);
        Matrix d = Matrix.of(2, 2, 1.5, -2.25, 3.0, 0.1);
        Matrix converted = d.toPrecision(Precision.FLOAT32);
        assertThat(converted.toArray()).containsExactly(1.5, -2.25, 3.0, (double) 0.1f);
        assertThat(d.toPrecision(Precision.FLOAT64)).isSameAs(d);
        assertThat(converted.sameBits(d)).isFalse();
        Matrix gathered = Matrix.zeros(1, 2, Precision.FLOAT32);
        Matrix.gatherRows(d, new int[] {1}, 0, gathered);
        assertThat(gathered.toArray()).containsExactly(3.0, (double) 0.1f);
        assertThat(Matrix.reuseOrAllocate(gathered, 1, 2, Precision.FLOAT64).precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void float32ProductsMatchFloat64WithinFloat32Rounding() {
        Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Matrix b = Matrix.of(new double[][] {{0.5, -1}, {0.25, 2}, {-0.125, 1}});
        Matrix expected = Matrix.zeros(2, 2);
        Matrix.multiply(a, b, expected);
        Matrix actual = Matrix.zeros(2, 2, Precision.FLOAT32);
        Matrix.multiply(a.toPrecision(Precision.FLOAT32), b.toPrecision(Precision.FLOAT32), actual);
        assertThat(actual.toArray()).containsExactly(expected.toArray());
        assertThatThrownBy(() -> Matrix.multiply(a, b, actual))
                .hasMessage("A matrix product needs operands of one precision, got a float64, b float64 and out float32");
        assertThat(Precision.byName("f32")).isEqualTo(Precision.FLOAT32);
        assertThatThrownBy(() -> Precision.byName("half")).hasMessage("Unknown precision 'half'; expected float64 or"
                + " float32");
    }
}
