package org.nn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.names.DidYouMean;

/**
 * The rows {@code nn4j predict} reads for a model trained on a table. With a header, columns are found by name (the
 * label column and others may be there too). Without one, every row holds the model's feature columns in their
 * training order ({@code nn4j summary} lists them), and nothing else. The first line is a header when one of its
 * cells names a column the model was trained on; a data row of numbers never does.
 */
final class TableRows {

    private TableRows() {
    }

    /** The feature columns, in the order a row without a header gives them. */
    static List<String> featureNames(Preprocessing prep) {
        List<String> names = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            names.add(f.name());
        }
        return names;
    }

    /** One row given on the command line, e.g. {@code 5.1,3.5,1.4,0.2}: the feature columns in order. */
    static Table ofValues(String values, Preprocessing prep) throws IOException {
        return withoutHeader("--values", new StringReader(values), prep);
    }

    /** CSV rows with a header that names the columns, or without one (see the class comment). */
    static Table read(String source, Reader reader, Preprocessing prep) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String first = peekFirstLine(in);
        if (first == null || isHeader(first, prep)) {
            return Table.readCsv(source, in);
        }
        return withoutHeader(source, in, prep);
    }

    private static Table withoutHeader(String source, Reader in, Preprocessing prep) throws IOException {
        return Table.readCsvWithoutHeader(source, in, featureNames(prep));
    }

    /**
     * True when a cell of the line names one of the columns the model was trained on, or nearly does (a mistyped
     * header is still a header, so that the error can name the column it was likely meant to be).
     */
    private static boolean isHeader(String line, Preprocessing prep) {
        Set<String> known = new HashSet<>(featureNames(prep));
        known.add(prep.label().name());
        for (String cell : line.replace("\uFEFF", "").split(",", -1)) {
            String name = cell.strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            }
            if (known.contains(name) || DidYouMean.closest(name, known).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first non-blank line, read ahead and given back to {@code in}; null when there is none. Only the start of
     * a very long line is looked at: the table reader refuses the line itself.
     */
    private static String peekFirstLine(BufferedReader in) throws IOException {
        int limit = 1 << 16;
        in.mark(limit + 1);
        StringBuilder line = new StringBuilder();
        int ch;
        for (int read = 0; read < limit && (ch = in.read()) >= 0; read++) {
            if (ch == '\n' || ch == '\r') {
                if (!line.toString().isBlank()) {
                    break;
                }
                line.setLength(0);
                continue;
            }
            line.append((char) ch);
        }
        in.reset();
        return line.toString().isBlank() ? null : line.toString();
    }
}
