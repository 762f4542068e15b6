package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {

    private static Table read(String csv) throws IOException {
        return Table.readCsv("t.csv", new StringReader(csv));
    }

    @Test
    void readsQuotedCellsTrimsPlainOnesAndSkipsBlankLines() throws IOException {
        Table t = read("\uFEFFname, size ,note\n\n\"Smith, J\", 3 ,\"say \"\"hi\"\"\"\n  \nx,4,\n");
        assertThat(t.columns()).containsExactly("name", "size", "note");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.cell(0, 0)).isEqualTo("Smith, J");
        assertThat(t.cell(0, 1)).isEqualTo("3");
        assertThat(t.cell(0, 2)).isEqualTo("say \"hi\"");
        assertThat(t.line(1)).isEqualTo(5);
        assertThat(t.where(1, 2)).isEqualTo("t.csv, line 5, column 'note'");
    }

    @Test
    void aRaggedRowNamesItsLineAndCounts() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3,4,5\n"))
                .hasMessage("t.csv, line 3: expected 2 cells like the header, got 3");
    }

    @Test
    void anEmptyFileOrOneWithoutRowsIsRefused() {
        assertThatThrownBy(() -> read("")).hasMessage("t.csv is empty: expected a header row and data rows");
        assertThatThrownBy(() -> read("\n \n")).hasMessage("t.csv is empty: expected a header row and data rows");
        assertThatThrownBy(() -> read("a,b\n")).hasMessage("t.csv has a header but no data rows");
    }

    @Test
    void headerNamesMustBeThereAndUnique() {
        assertThatThrownBy(() -> read("a,,c\n1,2,3\n"))
                .hasMessage("t.csv, line 1: column 2 of the header has no name; the first line must name every column");
        assertThatThrownBy(() -> read("a,b,a\n1,2,3\n")).hasMessage("t.csv: the column name 'a' appears twice in the header");
        assertThatThrownBy(() -> read("a,\"b\n1,2\n")).hasMessageContaining("line 1: a quoted cell is not closed");
    }

    @Test
    void aMissingColumnSuggestsTheCloseSpelling() throws IOException {
        Table t = read("Species,x\na,1\n");
        assertThatThrownBy(() -> t.requireColumn("species", "label"))
                .hasMessage("t.csv has no label column 'species' (did you mean 'Species'?); its columns are Species, x");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Table.readCsv(dir.resolve("nope.csv")))
                .isInstanceOf(IOException.class).hasMessageContaining("nope.csv' does not exist");
    }

    @Test
    void readsTheSharedIrisFile() throws IOException {
        Path iris = Path.of("..", "..", "shared", "data", "iris.csv");
        Table t = Table.readCsv(iris);
        assertThat(t.rowCount()).isEqualTo(150);
        assertThat(t.columns()).endsWith("species");
        assertThat(Files.exists(iris)).isTrue();
    }
}
