package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;
import org.nn4j.tensor.Matrix;

class PreprocessingTest {

    private static Table read(String csv) {
        try {
            return Table.readCsv("d.csv", new StringReader(csv));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Task inferred(String labelCells) {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (String cell : labelCells.split(" ")) {
            csv.append("1,").append(cell).append('\n');
        }
        return Preprocessing.inferTask(read(csv.toString()), 1);
    }

    @Test
    void theTaskFollowsTheLabelColumn() {
        assertThat(inferred("cat dog cat")).isEqualTo(Task.BINARY);
        assertThat(inferred("a b c a")).isEqualTo(Task.MULTICLASS);
        assertThat(inferred("0 1 2 3 4 5 6 7 8 9")).isEqualTo(Task.MULTICLASS);
        assertThat(inferred("0 1 1 0")).isEqualTo(Task.BINARY);
        assertThat(inferred("1.5 2.25 3 4")).isEqualTo(Task.REGRESSION);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            many.append(i).append(' ');
        }
        assertThat(inferred(many.toString().trim())).isEqualTo(Task.REGRESSION);
    }

    @Test
    void numericColumnsAreStandardisedWithTheTrainingRowsOnly() {
        Table t = read("x,colour,y\n1,red,a\n3,blue,b\n5,red,a\n100,green,b\n");
        Preprocessing p = Preprocessing.fit(t, "y", null, new int[] {0, 1, 2});
        // Training rows x = 1, 3, 5: mean 3, population sd √(8/3).
        FeatureColumn x = p.features().get(0);
        assertThat(x.mean()).isEqualTo(3.0);
        assertThat(x.scale()).isCloseTo(Math.sqrt(8.0 / 3), within(1e-15));
        // Categories come from every row, sorted.
        assertThat(p.features().get(1).categories()).containsExactly("blue", "green", "red");
        assertThat(p.inputs()).isEqualTo(4);
        Matrix in = p.encodeInputs(t, new int[] {3});
        assertThat(in.toArray()).containsExactly(new double[] {97 / Math.sqrt(8.0 / 3), 0, 1, 0}, within(1e-12));
        Dataset d = p.encode(t, new int[] {0, 1});
        assertThat(d.targets().toArray()).containsExactly(0.0, 1.0);
    }

    @Test
    void aConstantColumnIsLeftUnscaled() {
        Preprocessing p = Preprocessing.fit(read("x,y\n0,a\n0,b\n"), "y", null, new int[] {0, 1});
        assertThat(p.features().get(0).scale()).isEqualTo(1.0);
    }

    @Test
    void classesAreOneHotInSortedOrderAndNumericClassesSortByValue() {
        Table t = read("x,y\n1,10\n2,9\n3,2\n");
        Preprocessing p = Preprocessing.fit(t, "y", null, new int[] {0, 1, 2});
        assertThat(p.label().classes()).containsExactly("2", "9", "10");
        assertThat(p.encode(t, new int[] {0}).targets().toArray()).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void regressionTargetsAreStandardisedAndMappedBack() {
        Table t = read("x,y\n1,10\n2,20\n3,30.5\n");
        Preprocessing p = Preprocessing.fit(t, "y", Task.REGRESSION, new int[] {0, 1, 2});
        double scaled = p.encode(t, new int[] {2}).targets().get(0);
        assertThat(p.label().toLabelUnits(scaled)).isCloseTo(30.5, within(1e-12));
    }

    @Test
    void aNonNumericCellNamesFileLineAndColumn() {
        Table t = read("a,b,y\n1,2,x\n3,abc,y\n5,6,x\n");
        assertThatThrownBy(() -> Preprocessing.fit(t, "y", null, new int[] {0, 1, 2}))
                .hasMessage("d.csv, line 3, column 'b': expected a number, got 'abc'");
    }

    @Test
    void infinityIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,x\ninf,y\n2,x\n"), "y", null, new int[] {0, 1, 2}))
                .hasMessage("d.csv, line 3, column 'a': expected a finite number, got 'inf' (infinity cannot be"
                        + " learned from)");
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,x\n-inf,y\n2,x\n"), "y", null, new int[] {0, 1}))
                .hasMessageContaining("line 3, column 'a': expected a finite number, got '-inf'");
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,1.5\n2,Infinity\n"), "y", null, new int[] {0, 1}))
                .hasMessageContaining("line 3, column 'y'");
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,1e999\n2,3\n"), "y", null, new int[] {0, 1}))
                .hasMessageContaining("line 2, column 'y'");
    }

    @Test
    void rowsWithoutAHeaderAreToldToAddOne() {
        Preprocessing p = Preprocessing.fit(read("a,b,y\n1,2,x\n3,4,z\n"), "y", null, new int[] {0, 1});
        assertThatThrownBy(() -> p.encodeInputs(read("1,2\n3,4\n"), new int[] {0}))
                .hasMessage("d.csv: the first line should be a header naming the columns (a, b), but it holds numbers");
    }

    @Test
    void aLabelWithASingleClassIsRefused() {
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,x\n2,x\n"), "y", null, new int[] {0, 1}))
                .hasMessage("d.csv: the label column 'y' has only one class, 'x'; classification needs at least 2");
    }

    @Test
    void columnsThatDoNotMatchTheModelAreListed() {
        Preprocessing p = Preprocessing.fit(read("a,b,y\n1,2,x\n3,4,z\n"), "y", null, new int[] {0, 1});
        assertThatThrownBy(() -> p.encodeInputs(read("a,c\n1,2\n"), new int[] {0}))
                .hasMessage("d.csv: the columns do not match the model's. Expected a, b (and optionally the label 'y');"
                        + " missing b; unknown c");
        // The label column may be present or absent.
        assertThat(p.encodeInputs(read("b,a\n4,3\n"), new int[] {0}).toArray())
                .containsExactly(p.encodeInputs(read("a,b,y\n3,4,x\n"), new int[] {0}).toArray());
    }

    @Test
    void anUnknownClassOrCategoryIsNamed() {
        Preprocessing p = Preprocessing.fit(read("a,c,y\n1,u,x\n3,v,z\n"), "y", null, new int[] {0, 1});
        assertThatThrownBy(() -> p.encode(read("a,c,y\n1,u,w\n"), new int[] {0}))
                .hasMessage("d.csv, line 2, column 'y': unknown class 'w'; the model knows x, z");
        assertThatThrownBy(() -> p.encodeInputs(read("a,c\n1,q\n"), new int[] {0}))
                .hasMessage("d.csv, line 2, column 'c': unknown category 'q'; the model knows u, v");
    }

    @Test
    void survivesARoundTripThroughJson() {
        Table t = read("x,colour,y\n1,red,a\n3,blue,b\n5,red,c\n");
        Preprocessing p = Preprocessing.fit(t, "y", null, new int[] {0, 1, 2});
        @SuppressWarnings("unchecked")
        Preprocessing back = Preprocessing.fromMap((java.util.Map<String, Object>) Json.parse(Json.write(p.toMap())));
        assertThat(back.features()).isEqualTo(p.features());
        assertThat(back.label()).isEqualTo(p.label());
    }
}
