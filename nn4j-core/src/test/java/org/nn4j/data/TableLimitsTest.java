package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.metrics.Task;

/**
 * The limits that keep a table from ending in an OutOfMemoryError, checked with given heap sizes: cells and
 * characters read, the width of the encoded inputs (one-hot columns included), and labels with too many classes.
 */
class TableLimitsTest {

    private static final MemoryLimits ONE_GIB = new MemoryLimits(1L << 30);

    @Test
    void limitsFollowTheHeap() {
        assertThat(ONE_GIB.maxCells()).isEqualTo((1L << 30) / 40);
        assertThat(ONE_GIB.maxEncodedValues()).isEqualTo((1L << 30) / 4 / 8);
        assertThat(new MemoryLimits(1L << 40).maxCells()).isEqualTo(Integer.MAX_VALUE - 16);
        assertThat(ONE_GIB.howToRaise()).contains("now 1.0 GiB").contains("JAVA_OPTS=-Xmx");
    }

    @Test
    void aTableWithMoreCellsThanTheHeapAllowsIsRefusedNamingTheLimit() {
        MemoryLimits small = new MemoryLimits(40 * 1000);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 600; i++) {
            csv.append(i).append(",1\n");
        }
        assertThatThrownBy(() -> Table.readCsv("big.csv", new StringReader(csv.toString()), small))
                .hasMessageStartingWith("big.csv has more than 1000 cells (at line 501)")
                .hasMessageContaining("now 0.0 GiB").hasMessageContaining("JAVA_OPTS=-Xmx");
        assertThatCode(() -> Table.readCsv("big.csv", new StringReader(csv.toString()), ONE_GIB))
                .doesNotThrowAnyException();
    }

    @Test
    void moreClassesThanAThousandOrThanHalfTheRowsAreRefused() {
        Table hundredRows = table(100);
        assertThatThrownBy(() -> Preprocessing.requireLearnableClasses(hundredRows, "y", 51, false))
                .hasMessageContaining("the label column 'y' has 51 distinct values in 100 rows")
                .hasMessageContaining("identifier or free text");
        assertThatCode(() -> Preprocessing.requireLearnableClasses(hundredRows, "y", 50, false))
                .doesNotThrowAnyException();
        Table bigTable = table(5000);
        assertThatThrownBy(() -> Preprocessing.requireLearnableClasses(bigTable, "y", 1001, true))
                .hasMessageContaining("at most 1000 classes").hasMessageContaining("use --task regression");
        assertThatCode(() -> Preprocessing.requireLearnableClasses(bigTable, "y", 1000, true))
                .doesNotThrowAnyException();
        // A small table may have few examples per class: it is a toy, not a memory risk.
        assertThatCode(() -> Preprocessing.requireLearnableClasses(table(12), "y", 10, false))
                .doesNotThrowAnyException();
    }

    @Test
    void aNumericLabelForcedToClassesSuggestsRegression() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 400; i++) {
            csv.append(i % 7).append(',').append(i * 3).append('\n');
        }
        Table t = Table.readCsv("prices.csv", new StringReader(csv.toString()), ONE_GIB);
        assertThatThrownBy(() -> Preprocessing.fit(t, "y", Task.MULTICLASS, t.allRows(), ONE_GIB))
                .hasMessageContaining("'y' has 400 distinct values in 400 rows")
                .hasMessageContaining("use --task regression");
        assertThat(Preprocessing.inferTask(t, 1)).isEqualTo(Task.REGRESSION);
    }

    @Test
    void aOneHotColumnTooWideForTheHeapIsRefusedByName() throws IOException {
        StringBuilder csv = new StringBuilder("id,x,y\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("user").append(i).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "a" : "b")
                    .append('\n');
        }
        Table t = Table.readCsv("users.csv", new StringReader(csv.toString()), ONE_GIB);
        // 2000 rows of 2001 inputs and 1 output: 4,004,000 numbers, over the 2,000,000 a 64 MiB heap allows.
        MemoryLimits small = new MemoryLimits(64L << 20);
        assertThatThrownBy(() -> Preprocessing.fit(t, "y", null, t.allRows(), small))
                .hasMessageContaining("2000 rows of 2001 inputs and 1 outputs, 4004000 numbers")
                .hasMessageContaining("'id' (2000 categories, one input each)")
                .hasMessageContaining("JAVA_OPTS=-Xmx");
        assertThat(Preprocessing.fit(t, "y", null, t.allRows(), ONE_GIB).inputs()).isEqualTo(2001);
    }

    @Test
    void aCellCostsAFewBytesNotAStringEach() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            rows.add(new String[] {Integer.toString(i % 10), "1"});
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Table t = Table.of("t", List.of("a", "b"), rows);
        rows.clear();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory() - before;
        assertThat(t.cell(199_999, 0)).isEqualTo("9");
        // 400,000 one-character cells: about 6 bytes each; a String each would be over 40.
        assertThat(used / 400_000.0).isLessThan(20);
    }

    private static Table table(int rows) {
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(new String[] {"1", "a"});
        }
        return Table.of("t.csv", List.of("x", "y"), cells);
    }
}
