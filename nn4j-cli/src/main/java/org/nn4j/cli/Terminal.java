package org.nn4j.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where standard output goes: a terminal, on which a progress bar can redraw one line, or a file or pipe, which gets
 * plain lines only; and how many columns a redrawn line may use without wrapping.
 *
 * @param present whether standard output is a terminal
 * @param columns the terminal's width in characters (80 when it cannot be read)
 */
record Terminal(boolean present, int columns) {

    /** The width assumed when no terminal reports one, as for a file or pipe. */
    static final int DEFAULT_COLUMNS = 80;

    Terminal {
        if (columns < 1) {
            throw new IllegalArgumentException("A terminal has 1 or more columns, got " + columns);
        }
    }

    /** A file or pipe: no bar, plain lines. */
    static Terminal none() {
        return new Terminal(false, DEFAULT_COLUMNS);
    }

    /**
     * This process's standard output: a terminal when the JVM sees a console (standard input and output both on a
     * terminal). The width is COLUMNS when it is set, else what {@code stty size} reports for the terminal, else 80.
     */
    static Terminal detect(Map<String, String> environment) {
        boolean present = System.console() != null;
        Integer columns = columns(environment.get("COLUMNS"));
        if (columns == null && present) {
            columns = sttyColumns();
        }
        return new Terminal(present, columns != null ? columns : DEFAULT_COLUMNS);
    }

    /** A positive width from COLUMNS, or null when it is unset or not a number. */
    static Integer columns(String text) {
        if (text == null) {
            return null;
        }
        try {
            int columns = Integer.parseInt(text.strip());
            return columns > 0 ? columns : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The width {@code stty size} reads from the controlling terminal ("ROWS COLUMNS"), or null. Java itself has no
     * call for it, and the shell does not export COLUMNS to the programs it runs; stty exists wherever a terminal
     * does, and the wait for it is bounded so that a hung stty costs a second, not the run.
     */
    private static Integer sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            String[] rowsColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip().split("\\s+");
            return stty.exitValue() == 0 && rowsColumns.length == 2 ? columns(rowsColumns[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
