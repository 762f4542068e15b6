package org.nn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn4j predict MODEL}: the prompt for any saved network, or one prediction per row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Load a saved network and ask for its inputs one by one (or all on one line), printing each "
                + "prediction; or, with --input, write one line of predictions per CSV row.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private Nn4j parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j (e.g. xor --save).")
    private Path model;

    @Option(names = "--input", paramLabel = "CSV",
            description = "Rows to predict, one sample per line, comma-separated; '-' reads standard input. A first"
                    + " line that is not numeric is taken as a header.")
    private String input;

    @Override
    public Integer call() throws IOException {
        Network network = ModelFile.read(model).network();
        PrintWriter out = spec.commandLine().getOut();
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
