package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.metrics.Evaluation;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn4j evaluate MODEL --data FILE.csv}: the metrics of a saved model on labelled rows. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model trained by 'nn4j train' on every row of a CSV file that has the training columns "
                + "and the label: accuracy, log-loss, per-class precision/recall/F1 and the confusion matrix, or MSE, "
                + "MAE and R² for regression.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by 'nn4j train --save'.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true, description = "Labelled rows to score.")
    private Path data;

    @Option(names = "--json", description = "Print one JSON object instead of the report.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        SavedModel saved = ModelFile.read(model);
        Preprocessing prep = requirePreprocessing(saved, model);
        Table table = Table.readCsv(data);
        table.requireColumn(prep.label().name(), "label");
        // Scores of outputs that overflowed (NaN log-loss beside a plausible accuracy) would read as a result.
        PredictCommand.answer(saved.network(), prep, table, table.allRows());
        Evaluation evaluation = Evaluation.of(saved.network(), prep, table, table.allRows());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(evaluation.toMap()));
        } else {
            out.printf("Model %s on %s (%s of '%s'):%n", model, data, prep.task().description(), prep.label().name());
            out.print(evaluation.format());
        }
        out.flush();
        return 0;
    }

    static Preprocessing requirePreprocessing(SavedModel saved, Path model) {
        return saved.preprocessingIfAny().orElseThrow(() -> new IllegalArgumentException("The model " + model
                + " has no column information (it was not trained by 'nn4j train' on a table), so it cannot read CSV"
                + " columns by name"));
    }
}
