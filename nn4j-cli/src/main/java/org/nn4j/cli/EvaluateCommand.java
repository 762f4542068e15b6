package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
                + "MAE and R² for regression. Given the very data the model was trained on (recognised by its "
                + "digest), it scores only the rows held out for the test, and says so.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by 'nn4j train --save'.")
    private Path model;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true, description = "Labelled rows to score.")
    private Path data;

    @Option(names = "--json", description = "Print one JSON object instead of the report.")
    private boolean json;

    @Option(names = "--all-rows", description = "Score every row, even when the data are the model's training data.")
    private boolean allRows;

    @Override
    public Integer call() throws IOException {
        SavedModel saved = ModelFile.read(model);
        Preprocessing prep = requirePreprocessing(saved, model);
        Table table = Table.readCsv(data);
        table.requireColumn(prep.label().name(), "label");
        int[] rows = table.allRows();
        String scored = "all rows";
        Optional<int[]> heldOut = TrainingRows.heldOut(saved, prep, table);
        if (heldOut.isPresent()) {
            int test = heldOut.get().length;
            PrintWriter err = spec.commandLine().getErr();
            if (test == 0) {
                err.println("nn4j: warning: " + data + " is the data " + model + " was trained on, and every one of"
                        + " its rows served training or validation: these scores are no test of the model");
            } else if (allRows) {
                err.println("nn4j: warning: " + data + " is the data " + model + " was trained on: "
                        + (table.rowCount() - test) + " of its " + table.rowCount() + " rows served training or"
                        + " validation, so scores over all rows (--all-rows) mix in rows the model learned from");
            } else {
                rows = heldOut.get();
                scored = "the " + test + " test rows held out in training";
                err.println("nn4j: note: " + data + " is the data " + model + " was trained on (the same digest):"
                        + " its other " + (table.rowCount() - test) + " rows served training or validation (split"
                        + " seed " + saved.training().get(TrainingRows.SEED) + "), so only the " + test + " held-out"
                        + " test rows are scored; --all-rows scores every row");
            }
            err.flush();
        }
        // Scores of outputs that overflowed (NaN log-loss beside a plausible accuracy) would read as a result.
        PredictCommand.answer(saved.network(), prep, table, rows);
        Evaluation evaluation = Evaluation.of(saved.network(), prep, table, rows);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>(evaluation.toMap());
            report.put("rows_scored", scored);
            out.println(Json.write(report));
        } else {
            out.printf("Model %s on %s, %s (%s of '%s'):%n", model, data, scored, prep.task().description(),
                    prep.label().name());
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
