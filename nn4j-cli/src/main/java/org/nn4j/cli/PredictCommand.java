package org.nn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn4j predict MODEL}: the prompt for any saved network, or one prediction per row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Load a saved network and ask for its inputs one by one (or all on one line), printing each "
                + "prediction; or, with --input, write one line of predictions per CSV row.",
            "A model from 'nn4j train' takes CSV rows with the training columns by name (the label column may be "
                + "there or not), applies the saved standardisation itself, and answers with the class name and its "
                + "probability, or the value for regression."})
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private Nn4j parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j (e.g. xor --save).")
    private Path model;

    @Option(names = "--input", paramLabel = "CSV",
            description = "Rows to predict, one sample per line, comma-separated; '-' reads standard input. A first"
                    + " line that is not numeric is taken as a header (required for models from 'nn4j train').")
    private String input;

    @Override
    public Integer call() throws IOException {
        SavedModel saved = ModelFile.read(model);
        Network network = saved.network();
        PrintWriter out = spec.commandLine().getOut();
        if (saved.preprocessing() != null) {
            predictTable(network, saved.preprocessing(), out);
            return 0;
        }
        if (input == null) {
            out.println("Model " + model + ": " + network.describe() + ", " + network.inputs() + " inputs. Type them"
                    + " one by one (or all on one line), 'quit' or end of input to stop.");
            new Prompt(network, reader(parent), out).run();
            return 0;
        }
        try (BufferedReader rows = input.equals("-") ? reader(parent) : openCsv(Path.of(input))) {
            predictRows(network, rows, input.equals("-") ? "standard input" : input, out);
        }
        return 0;
    }

    /** A model trained on a table: rows with the training columns in, class and probability (or value) out. */
    private void predictTable(Network network, Preprocessing prep, PrintWriter out) throws IOException {
        if (input == null) {
            out.println("Model " + model + ": " + prep.task().description() + " of '" + prep.label().name()
                    + "'. Type each column's value; 'quit' or end of input to stop.");
            new TablePrompt(network, prep, reader(parent), out).run();
            return;
        }
        Table table = input.equals("-") ? Table.readCsv("standard input", reader(parent))
                : Table.readCsv(Path.of(input));
        List<Answer> answers = answer(network, prep, table, table.allRows());
        String column = CsvCells.quote("predicted_" + prep.label().name());
        out.println(prep.task().isClassification() ? column + ",probability" : column);
        for (Answer a : answers) {
            out.println(a.csv());
        }
        out.flush();
    }

    /** The network's answer for one row: a class with its probability, or a value in the label's units. */
    record Answer(String className, double probability, double value) {

        String describe() {
            return className != null
                    ? String.format(Locale.ROOT, "Prediction: %s (probability %.4f)", className, probability)
                    : String.format(Locale.ROOT, "Prediction: %.6g", value);
        }

        String csv() {
            return className != null ? CsvCells.quote(className) + "," + probability : Double.toString(value);
        }
    }

    static List<Answer> answer(Network network, Preprocessing prep, Table table, int[] rows) {
        Matrix outputs = network.predict(prep.encodeInputs(table, rows));
        List<Answer> answers = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            if (prep.task().isClassification()) {
                int k = prep.task().predictedClass(outputs, r);
                answers.add(new Answer(prep.label().classes().get(k), prep.task().probability(outputs, r, k), 0));
            } else {
                answers.add(new Answer(null, 0, prep.label().toLabelUnits(outputs.get(r, 0))));
            }
        }
        return answers;
    }

    private static BufferedReader reader(Nn4j parent) {
        return new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8));
    }

    private static BufferedReader openCsv(Path path) throws IOException {
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("The input file '" + path + "' does not exist");
        }
    }

    private static void predictRows(Network network, BufferedReader rows, String source, PrintWriter out)
            throws IOException {
        int n = network.inputs();
        String line;
        int lineNumber = 0;
        boolean first = true;
        while ((line = rows.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] sample = new double[cells.length];
            boolean numeric = true;
            for (int i = 0; i < cells.length && numeric; i++) {
                try {
                    sample[i] = Double.parseDouble(cells[i].trim());
                    numeric = Double.isFinite(sample[i]);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            if (!numeric && first) {
                first = false;
                out.println(header(network.outputs()));
                continue;
            }
            first = false;
            if (!numeric) {
                throw new IllegalArgumentException("Line " + lineNumber + " of " + source
                        + " should hold " + n + " numbers separated by commas, got: " + abbreviate(line));
            }
            if (cells.length != n) {
                throw new IllegalArgumentException("Line " + lineNumber + " of " + source + " has " + cells.length
                        + " values, but the model takes " + n + " inputs");
            }
            double[] outputs = network.predict(sample);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < outputs.length; i++) {
                sb.append(i == 0 ? "" : ",").append(outputs[i]);
            }
            out.println(sb);
        }
        out.flush();
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
