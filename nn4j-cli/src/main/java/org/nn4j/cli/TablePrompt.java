package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.nn4j.data.BoundedLines;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The prompt for a model trained on a table: asks for each column by name ({@code sepal_length: }), checks each
 * answer as it comes (a number, or one of the known categories), and prints the predicted class with its
 * probability, or the predicted value. The first question also takes the whole row on one line, comma-separated
 * in the columns' order ({@code 5.1,3.5,1.4,0.2}). {@code quit} or the end of input ends it. Lines are bounded as in
 * {@link Prompt}.
 */
final class TablePrompt {

    private final Network network;
    private final Preprocessing prep;
    private final BoundedLines in;
    private final PrintWriter out;

    TablePrompt(Network network, Preprocessing prep, Reader in, PrintWriter out) {
        this.network = network;
        this.prep = prep;
        this.in = Prompt.lines(in);
        this.out = out;
    }

    void run() throws IOException {
        List<String> names = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            names.add(f.name());
        }
        while (true) {
            String[] row = new String[names.size()];
            for (int i = 0; i < row.length; i++) {
                FeatureColumn feature = prep.features().get(i);
                String answer = ask(feature, i == 0 && row.length > 1);
                if (answer == null) {
                    return;
                }
                if (answer.contains(",")) {
                    row = wholeRow(answer);
                    if (row == null) {
                        row = new String[names.size()];
                        i--;
                        continue;
                    }
                    break;
                }
                row[i] = answer;
            }
            Table table = Table.of("your input", names, List.<String[]>of(row));
            int[] only = {0};
            Matrix outputs = network.predict(prep.encodeInputs(table, only));
            out.println(Prompt.allFinite(outputs.rowValues(0))
                    ? PredictCommand.answers(prep, outputs, only).get(0).describe()
                    : Prompt.NO_PREDICTION);
            out.println();
            out.flush();
        }
    }

    /** The cells of a row typed on one line, or null (after saying why) when they do not fit the columns. */
    private String[] wholeRow(String line) {
        String[] cells = line.split(",", -1);
        List<FeatureColumn> features = prep.features();
        if (cells.length != features.size()) {
            out.println("Expected " + features.size() + " values on one line (" + prep.featureNames() + "), got "
                    + cells.length + ".");
            return null;
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
            if (!features.get(i).accepts(cells[i])) {
                out.println(features.get(i).name() + ": " + (features.get(i).isCategorical() ? "expected one of: "
                        + String.join(", ", features.get(i).categories()) + "." : Prompt.INVALID));
                return null;
            }
        }
        return cells;
    }

    /**
     * Asks until the answer fits the column, or is a whole row when {@code rowAllowed}; null on quit or end of
     * input.
     */
    private String ask(FeatureColumn feature, boolean rowAllowed) throws IOException {
        while (true) {
            out.print(feature.name() + ": ");
            out.flush();
            String line = in.next();
            if (line == null) {
                out.println();
                out.flush();
                return null;
            }
            String entry = line.trim();
            if (Prompt.isQuit(entry)) {
                return null;
            }
            // The same test the model's preprocessing applies, so that an accepted answer always encodes.
            if (feature.accepts(entry) || rowAllowed && entry.contains(",")) {
                return entry;
            }
            out.println(feature.isCategorical()
                    ? "Expected one of: " + String.join(", ", feature.categories().stream()
                            .map(FeatureColumn::display).toList()) + "." : Prompt.INVALID);
        }
    }
}
