package org.nn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nn4j.names.DidYouMean;

/**
 * A table of text cells with named columns, as read from a CSV file with a header row: the raw material that
 * {@link Preprocessing} turns into numbers. Each row remembers its line in the file, so that errors can say where
 * the problem is.
 *
 * <p>CSV as RFC 4180 describes it: comma-separated cells, optionally in double quotes (which may then hold commas
 * and doubled quotes {@code ""}); cells are trimmed; blank lines are skipped; every row must have as many cells as
 * the header.
 */
public final class Table {

    /** Longer lines are refused: a real table's rows are far shorter, and a binary file's need not end. */
    public static final int MAX_LINE_CHARS = 1 << 22;
    /** Wider tables are refused. */
    public static final int MAX_COLUMNS = 100_000;

    private final String source;
    private final List<String> columns;
    private final CellStore cells;
    private final int[] lines;

    private Table(String source, List<String> columns, CellStore cells, int[] lines) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.cells = cells;
        this.lines = lines;
    }

    /** A table from cells in memory; {@code source} names it in errors. Rows are numbered as lines from 2. */
    public static Table of(String source, List<String> columns, List<String[]> rows) {
        requireUniqueColumns(source, columns);
        int[] lines = new int[rows.size()];
        CellStore cells = new CellStore();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != columns.size()) {
                throw new IllegalArgumentException(source + ": row " + (i + 1) + " has " + rows.get(i).length
                        + " cells, expected " + columns.size());
            }
            for (String cell : rows.get(i)) {
                cells.add(cell);
            }
            lines[i] = i + 2;
        }
        return new Table(source, columns, cells, lines);
    }

    /** Reads a CSV file with a header row: a regular file of UTF-8 text ({@link TextFiles}). */
    public static Table readCsv(Path file) throws IOException {
        try (BufferedReader reader = TextFiles.open(file, "The data file")) {
            return readCsv(file.toString(), reader);
        }
    }

    /**
     * Reads CSV text with a header row; {@code source} names it in errors. Input that cannot be a table is refused
     * before it can exhaust memory: a line over {@value #MAX_LINE_CHARS} characters, more than
     * {@value #MAX_COLUMNS} columns, more cells or characters than this JVM's heap can take
     * ({@link MemoryLimits}), or a NUL character (binary data).
     */
    public static Table readCsv(String source, Reader reader) throws IOException {
        return readCsv(source, reader, MemoryLimits.ofThisJvm());
    }

    /** As {@link #readCsv(String, Reader)}, within the given limits. */
    public static Table readCsv(String source, Reader reader, MemoryLimits limits) throws IOException {
        return readCsv(source, reader, limits, null);
    }

    /**
     * Reads CSV text without a header row, whose rows hold {@code columns} in this order, within the limits of
     * {@link #readCsv(String, Reader)}.
     */
    public static Table readCsvWithoutHeader(String source, Reader reader, List<String> columns) throws IOException {
        requireUniqueColumns(source, columns);
        return readCsv(source, reader, MemoryLimits.ofThisJvm(), List.copyOf(columns));
    }

    private static Table readCsv(String source, Reader reader, MemoryLimits limits, List<String> columns)
            throws IOException {
        BoundedLines in = new BoundedLines(reader, MAX_LINE_CHARS, source);
        List<String> header = columns;
        CellStore store = new CellStore();
        int[] lines = new int[1024];
        int rowCount = 0;
        String line;
        long cellCount = 0;
        while ((line = in.next()) != null) {
            int lineNumber = in.lineNumber();
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(source + ", line " + lineNumber + " holds a NUL character: binary"
                        + " data, not CSV text");
            }
            String[] cells = splitCsvLine(line, source, lineNumber);
            if (cells.length > MAX_COLUMNS) {
                throw new IllegalArgumentException(source + ", line " + lineNumber + " has " + cells.length
                        + " cells; nn4j reads tables of up to " + MAX_COLUMNS + " columns");
            }
            cellCount += cells.length;
            if (cellCount > limits.maxCells()) {
                throw new IllegalArgumentException(source + " has more than " + limits.maxCells() + " cells (at line "
                        + lineNumber + "), the most this Java heap can read, encode and train on; "
                        + limits.howToRaise());
            }
            if (header == null) {
                header = List.of(cells);
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c].isEmpty()) {
                        throw new IllegalArgumentException(source + ", line " + lineNumber + ": column " + (c + 1)
                                + " of the header has no name; the first line must name every column");
                    }
                }
                requireUniqueColumns(source, header);
                continue;
            }
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(source + ", line " + lineNumber + ": expected " + header.size()
                        + " cells " + (columns == null ? "like the header"
                        : "(" + String.join(", ", columns) + ", in this order, as a row without a header holds them)")
                        + ", got " + cells.length);
            }
            for (String cell : cells) {
                store.add(cell);
            }
            if (store.chars() > limits.maxChars()) {
                throw new IllegalArgumentException(source + " holds more than " + limits.maxChars() + " characters"
                        + " of cells (at line " + lineNumber + "), the most this Java heap can hold as a table; "
                        + limits.howToRaise());
            }
            if (rowCount == lines.length) {
                lines = Arrays.copyOf(lines, 2 * rowCount);
            }
            lines[rowCount++] = lineNumber;
        }
        if (header == null) {
            throw new IllegalArgumentException(source + " is empty: expected a header row and data rows");
        }
        if (rowCount == 0 && columns != null) {
            throw new IllegalArgumentException(source + " is empty: expected rows of " + String.join(", ", columns));
        }
        if (rowCount == 0) {
            throw new IllegalArgumentException(source + " has a header but no data rows");
        }
        store.trim();
        return new Table(source, header, store, Arrays.copyOf(lines, rowCount));
    }

    /** The file name or description used in errors. */
    public String source() {
        return source;
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return lines.length;
    }

    /** Every row index: 0, 1, …, n − 1. */
    public int[] allRows() {
        int[] all = new int[lines.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /**
     * A SHA-256 digest of the column names and every cell, in hexadecimal: two tables with the same digest hold the
     * same rows in the same order, wherever they were read from.
     */
    public String digest() {
        MessageDigest sha = sha256();
        for (String column : columns) {
            update(sha, column);
        }
        for (int i = 0, n = lines.length * columns.size(); i < n; i++) {
            update(sha, cells.get(i));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // The length first, so that no two lists of cells give the same bytes.
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The position of a column, or -1 when there is none of that name. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    /** The position of a column; when missing, an error naming the columns there are (and a close match). */
    public int requireColumn(String column, String role) {
        int index = columns.indexOf(column);
        if (index >= 0) {
            return index;
        }
        throw new IllegalArgumentException(source + " has no " + role + " column '" + column + "'"
                + DidYouMean.hint(column, columns) + "; its columns are "
                + String.join(", ", columns));
    }

    public String cell(int row, int column) {
        Objects.checkIndex(row, lines.length);
        Objects.checkIndex(column, columns.size());
        return cells.get(row * columns.size() + column);
    }

    /** The line of the file a row came from (1 is the header). */
    public int line(int row) {
        return lines[row];
    }

    /** Where a cell is, for errors: {@code iris.csv, line 7, column 'sepal_width'}. */
    public String where(int row, int column) {
        return source + ", line " + lines[row] + ", column '" + columns.get(column) + "'";
    }

    private static void requireUniqueColumns(String source, List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException(source + ": the column name '" + c + "' appears twice in the"
                        + " header");
            }
        }
    }

    private static String[] splitCsvLine(String line, String source, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (ch == ',') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + ", line " + lineNumber + ": a quoted cell is not closed"
                    + " (cells spanning several lines are not supported)");
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells.toArray(String[]::new);
    }
}
