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
    void readsTheIrisFileThatShipsWithNn4j() throws IOException {
        Path iris = Path.of("src", "main", "resources", "org", "nn4j", "data", "iris.csv");
        Table t = Table.readCsv(iris);
        assertThat(t.rowCount()).isEqualTo(150);
        assertThat(t.columns()).endsWith("species");
        assertThat(Files.exists(iris)).isTrue();
    }

    @Test
    void lineEndsOfEveryKindAreRead() throws IOException {
        Table table = Table.readCsv("t", new StringReader("a,b\r\n1,2\r3,4\n5,6"));
        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.cell(2, 1)).isEqualTo("6");
        assertThat(table.line(1)).isEqualTo(3);
    }

    @Test
    void inputThatCannotBeATableIsRefusedBeforeItFillsMemory(@TempDir Path dir) throws IOException {
        // A file with no line break: refused at the limit, not read whole.
        java.io.Reader endless = new java.io.Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, 'x');
                return length;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> Table.readCsv("endless.csv", endless))
                .hasMessage("endless.csv, line 1 is longer than " + Table.MAX_LINE_CHARS
                        + " characters: not text nn4j can read (a binary file, or no line breaks?)");

        assertThatThrownBy(() -> Table.readCsv("bin.csv", new StringReader("a,b\n1,\0\u0001\n")))
                .hasMessageContaining("bin.csv, line 2 holds a NUL character: binary data");

        String wide = "c" + ",c".repeat(Table.MAX_COLUMNS) + "\n";
        assertThatThrownBy(() -> Table.readCsv("wide.csv", new StringReader(wide)))
                .hasMessageContaining("has " + (Table.MAX_COLUMNS + 1) + " cells; nn4j reads tables of up to");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name,x\ncaf\u00e9,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Table.readCsv(latin1)).hasMessageContaining("is not UTF-8 text: line 2 holds the byte 0xE9");
    }
}
