package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nn4j.data.BoundedLines;
import org.nn4j.data.NumberText;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.data.TextFiles;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn4j predict MODEL}: the prompt for any saved network, or one prediction per row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Load a saved network and ask for its inputs one by one (or all on one line), printing each "
                + "prediction; or, with --input or --values, write one line of predictions per row. Every row is "
                + "checked before anything is printed, so a bad row gives an error and no partial output.",
            "A model from 'nn4j train' takes CSV rows with the training columns by name in a header line (the "
                + "label column may be there or not), or rows without a header that give its feature columns in "
                + "their training order (as 'nn4j summary' lists them); it applies the saved standardisation "
                + "itself, and answers with the class name and its probability, or the value for regression."})
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private Nn4j parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j (e.g. xor --save).")
    private Path model;

    @Option(names = "--input", paramLabel = "CSV",
            description = "Rows to predict, one sample per line, comma-separated; '-' reads standard input. A first"
                    + " line is a header when none of its cells is a number (for models from 'nn4j train': when one"
                    + " of its cells names a training column).")
    private String input;

    @Option(names = "--values", paramLabel = "ROW",
            description = "One row to predict, comma-separated, e.g. 5.1,3.5,1.4,0.2: the model's inputs, or for a"
                    + " model from 'nn4j train' its feature columns in training order.")
    private String values;

    @Option(names = "--probabilities",
            description = "For a classifier from 'nn4j train': print every class's probability, not only the"
                    + " predicted class's.")
    private boolean probabilities;

    @Override
    public Integer call() throws IOException {
        if (input != null && values != null) {
            throw new ParameterException(spec.commandLine(), "Give the rows with --input or --values, not both");
        }
        SavedModel saved = ModelFile.read(model);
        Network network = saved.network();
        PrintWriter out = spec.commandLine().getOut();
        if (probabilities && (saved.preprocessing() == null || !saved.preprocessing().task().isClassification())) {
            throw new IllegalArgumentException("--probabilities needs a classifier trained by 'nn4j train'; " + model
                    + " is " + (saved.preprocessing() == null ? "a network without class names (its outputs are"
                    + " printed in full)" : "a regression model"));
        }
        if (saved.preprocessing() != null) {
            predictTable(network, saved.preprocessing(), out);
            return 0;
        }
        if (values != null) {
            predictRows(network, new StringReader(values), "--values", out);
            return 0;
        }
        if (input == null) {
            out.println("Model " + model + ": " + network.describe() + ", " + network.inputs() + " inputs. Type them"
                    + " one by one (or all on one line), 'quit' or end of input to stop.");
            new Prompt(network, reader(parent), out).run();
            return 0;
        }
        try (Reader rows = input.equals("-") ? reader(parent) : TextFiles.open(Path.of(input), "The input file")) {
            predictRows(network, rows, input.equals("-") ? "standard input" : input, out);
        }
        return 0;
    }

    /** A model trained on a table: rows with the training columns in, class and probability (or value) out. */
    private void predictTable(Network network, Preprocessing prep, PrintWriter out) throws IOException {
        if (input == null && values == null) {
            out.println("Model " + model + ": " + prep.task().description() + " of '" + prep.label().name()
                    + "'. Type each column's value, or the whole row on one line (" + prep.featureNames() + ");"
                    + " 'quit' or end of input to stop.");
            new TablePrompt(network, prep, reader(parent), out).run();
            return;
        }
        Table table;
        if (values != null) {
            table = TableRows.ofValues(values, prep);
        } else if (input.equals("-")) {
            table = TableRows.read("standard input", reader(parent), prep);
        } else {
            try (Reader rows = TextFiles.open(Path.of(input), "The input file")) {
                table = TableRows.read(input, rows, prep);
            }
        }
        // Every row is encoded and answered before the first line is printed.
        List<Answer> answers = answer(network, prep, table, table.allRows());
        String column = CsvCells.quote("predicted_" + prep.label().name());
        if (!prep.task().isClassification()) {
            out.println(column);
        } else if (probabilities) {
            StringBuilder header = new StringBuilder(column);
            for (String name : prep.label().classes()) {
                header.append(',').append(CsvCells.quote("probability_" + name));
            }
            out.println(header);
        } else {
            out.println(column + ",probability");
        }
        for (Answer a : answers) {
            out.println(a.csv(probabilities));
        }
        out.flush();
    }

    /**
     * The network's answer for one row: a class with its probability (and every class's, in the label's order), or
     * a value in the label's units.
     */
    record Answer(String className, double probability, double[] classProbabilities, double value) {

        String describe() {
            return className != null
                    ? String.format(Locale.ROOT, "Prediction: %s (probability %.4f)", className, probability)
                    : String.format(Locale.ROOT, "Prediction: %.6g", value);
        }

        String csv(boolean everyClass) {
            if (className == null) {
                return Double.toString(value);
            }
            StringBuilder row = new StringBuilder(CsvCells.quote(className));
            if (everyClass) {
                for (double p : classProbabilities) {
                    row.append(',').append(p);
                }
            } else {
                row.append(',').append(probability);
            }
            return row.toString();
        }
    }

    static List<Answer> answer(Network network, Preprocessing prep, Table table, int[] rows) {
        return answers(prep, network.predict(prep.encodeInputs(table, rows)), rows);
    }

    /** The answers for outputs already computed, one row of outputs per table row in {@code rows}. */
    static List<Answer> answers(Preprocessing prep, Matrix outputs, int[] rows) {
        List<Answer> answers = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < outputs.cols(); c++) {
                requireFinite(outputs.get(r, c), "row " + (rows[r] + 1));
            }
            if (prep.task().isClassification()) {
                int k = prep.task().predictedClass(outputs, r);
                double[] every = new double[prep.label().classes().size()];
                for (int c = 0; c < every.length; c++) {
                    every[c] = prep.task().probability(outputs, r, c);
                }
                answers.add(new Answer(prep.label().classes().get(k), every[k], every, 0));
            } else {
                answers.add(new Answer(null, 0, null, prep.label().toLabelUnits(outputs.get(r, 0))));
            }
        }
        return answers;
    }

    private static Reader reader(Nn4j parent) {
        return parent.inText();
    }

    /**
     * Rows of numbers for a model without column names. The first line is a header only when none of its cells is
     * a number (NaN and infinity count as numbers here), so a data row with a NaN is refused, never skipped.
     */
    private static void predictRows(Network network, Reader rows, String source, PrintWriter out)
            throws IOException {
        // Printed only once every line has been read and answered: a bad line 500 leaves no half output behind.
        List<String> printed = new ArrayList<>();
        int n = network.inputs();
        BoundedLines lines = new BoundedLines(rows, Table.MAX_LINE_CHARS, source);
        String line;
        boolean first = true;
        while ((line = lines.next()) != null) {
            int lineNumber = lines.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (first) {
                first = false;
                if (isHeader(cells)) {
                    printed.add(header(network.outputs()));
                    continue;
                }
            }
            if (cells.length != n) {
                throw new IllegalArgumentException("Line " + lineNumber + " of " + source + " has " + cells.length
                        + " values, but the model takes " + n + " inputs");
            }
            double[] sample = new double[n];
            for (int i = 0; i < n; i++) {
                String cell = cells[i].trim();
                if (NumberText.isNonFinite(cell)) {
                    throw new IllegalArgumentException("Line " + lineNumber + " of " + source + ", column " + (i + 1)
                            + ": expected a finite number, got '" + abbreviate(cell) + "' (a prediction needs every"
                            + " input)");
                }
                if (!NumberText.isNumber(cell)) {
                    throw new IllegalArgumentException("Line " + lineNumber + " of " + source + ", column " + (i + 1)
                            + ": expected a number, got '" + abbreviate(cell) + "' (the line: " + abbreviate(line)
                            + ")");
                }
                sample[i] = NumberText.parse(cell);
            }
            double[] outputs = network.predict(sample);
            for (double output : outputs) {
                requireFinite(output, "line " + lineNumber + " of " + source);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < outputs.length; i++) {
                sb.append(i == 0 ? "" : ",").append(outputs[i]);
            }
            printed.add(sb.toString());
        }
        for (String answer : printed) {
            out.println(answer);
        }
        out.flush();
    }

    /**
     * A finite weight can still overflow: weights near 1e308 (a crafted file) or inputs far outside the training
     * data give infinity, and infinity minus infinity gives NaN. Such an output is no prediction, so it is refused
     * instead of printed as one (a NaN probability once came with a class and exit code 0).
     */
    static void requireFinite(double output, String where) {
        if (!Double.isFinite(output)) {
            throw new IllegalArgumentException("The model's output for " + where + " is " + output + ", not a"
                    + " finite number: its weights or this row's values overflow double precision, so there is no"
                    + " prediction to give");
        }
    }

    private static boolean isHeader(String[] cells) {
        for (String cell : cells) {
            String c = cell.trim();
            if (NumberText.isNumber(c) || NumberText.isNonFinite(c)) {
                return false;
            }
        }
        return true;
    }

    private static String header(int outputs) {
        if (outputs == 1) {
            return "prediction";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= outputs; i++) {
            sb.append(i == 1 ? "" : ",").append("prediction_").append(i);
        }
        return sb.toString();
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
