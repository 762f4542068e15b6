package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.metrics.Evaluation;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn4j plot MODEL}: the pictures of a saved model, from its saved history and, with --data, its answers. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a saved model's pictures as PNG and SVG: the learning curves from the history saved with "
                + "it, the network graph, and with --data the confusion matrix and (for two numeric inputs) the "
                + "decision boundary with the data points. A 2-input model from 'nn4j xor' gets its boundary over "
                + "XOR's truth table."})
final class PlotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "Labelled rows (with the training columns and the label) for the confusion matrix and the "
                    + "decision boundary.")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the pictures go. Default: MODEL-plots.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        SavedModel saved = ModelFile.read(model);
        Table table = data != null ? Table.readCsv(data) : null;
        if (table != null && saved.preprocessing() == null) {
            throw new IllegalArgumentException("--data needs a model trained on a table ('nn4j train'); "
                    + model + " takes plain numbers");
        }
        Path folder = out != null ? out : Path.of(model.toString().replaceAll("\\.nn4j$", "") + "-plots");
        Pictures pictures = new Pictures(folder);
        pictures.history(saved.history(), saved.training().get("stop_reason"));
        pictures.network(saved.network(), saved.preprocessing(),
                table != null ? saved.preprocessing().encodeInputs(table, table.allRows()) : null);
        if (table != null) {
            table.requireColumn(saved.preprocessing().label().name(), "label");
            pictures.confusion(Evaluation.of(saved.network(), saved.preprocessing(), table, table.allRows())
                    .confusion());
        }
        pictures.boundary(saved.network(), saved.preprocessing(), table, table != null ? table.allRows() : new int[0]);
        PrintWriter printer = spec.commandLine().getOut();
        printer.println("Drew " + pictures.written().size() / 2 + " pictures into " + folder + " (PNG and SVG): "
                + TrainCommand.names(pictures.written()) + ".");
        if (saved.history().isEmpty()) {
            printer.println("The model has no saved history, so no learning curves (models from 'nn4j train' have"
                    + " one).");
        }
        return 0;
    }
}
