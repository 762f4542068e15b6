package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from a hostile file reach the terminal as visible text, never as terminal commands or extra lines. */
class TerminalTextTest {

    /** Sets the window title, then clears the screen: what a column name could do when printed raw. */
    private static final String TERMINAL_COMMANDS = "\u001b]0;owned\u0007\u001b[2J";

    @TempDir
    Path folder;

    @Test
    void oneLineShowsEveryControlCharacterAsAnEscape() {
        assertThat(TerminalText.oneLine("a\u001b[31mb\nnn4j: forged\r\u0085c\u2028d\te"))
                .isEqualTo("a\\u001b[31mb\\u000ann4j: forged\\u000d\\u0085c\\u2028d\\u0009e");
    }

    @Test
    void printableOutputKeepsLineEndsAndTabsAndEscapesTheRest() throws IOException {
        StringWriter sink = new StringWriter();
        Writer out = TerminalText.printable(sink);
        out.write("row\t1\r\n" + TERMINAL_COMMANDS + "\n");
        out.write('\u009b');
        out.flush();
        assertThat(sink.toString()).isEqualTo("row\t1\r\n\\u001b]0;owned\\u0007\\u001b[2J\n\\u009b");
    }

    @Test
    void aColumnNameWithTerminalCommandsIsShownEscapedInTheOneLineError() throws IOException {
        Path table = folder.resolve("t.csv");
        Files.writeString(table, "x" + TERMINAL_COMMANDS + ",label\n1,a\n2,b\n");
        CliRun run = CliRun.of("", "train", "--data", table.toString(), "--label", "nope\nnn4j: forged line");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\u001b", "\u0007").contains("x\\u001b]0;owned\\u0007\\u001b[2J")
                .contains("nope\\u000ann4j: forged line");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aSummaryShowsAHostileColumnNameWithoutPassingItsCommandsToTheTerminal() throws IOException {
        Path table = folder.resolve("t.csv");
        StringBuilder rows = new StringBuilder("x" + TERMINAL_COMMANDS + ",label\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Files.writeString(table, rows);
        Path model = folder.resolve("m.nn4j");
        CliRun train = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--epochs", "2",
                "--hidden", "2", "--save", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).doesNotContain("\u001b");

        CliRun summary = CliRun.of("", "summary", model.toString());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).doesNotContain("\u001b", "\u0007").contains("x\\u001b]0;owned\\u0007\\u001b[2J");
    }
}
