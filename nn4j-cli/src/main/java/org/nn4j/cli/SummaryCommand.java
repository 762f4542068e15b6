package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.NumberText;
import org.nn4j.data.Preprocessing;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j summary MODEL}: what a model file holds — architecture, training settings, columns, history; for a
 * checkpoint, where its run stands and the command that continues it.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a saved model's architecture, how it was trained, the columns it reads and the metrics "
                + "of every epoch. Given a checkpoint (.ckpt) of a training run, say where the run stands and how to "
                + "resume or extend it.")
final class SummaryCommand implements Callable<Integer> {

    /** Longer histories are shown in evenly spaced rows unless --all is given. */
    private static final int SHOWN_EPOCHS = 25;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j, or a checkpoint.")
    private Path model;

    @Option(names = "--all", description = "Show every epoch of the history, however many.")
    private boolean all;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SavedModel saved;
        try {
            saved = ModelFile.read(model);
        } catch (IOException | IllegalArgumentException notAModel) {
            CheckpointFile.Saved checkpoint = checkpointOrNull();
            if (checkpoint == null) {
                throw notAModel;
            }
            CheckpointSummary.print(out, model, checkpoint);
            printHistory(out, checkpoint.checkpoint().resultSoFar(checkpoint.checkpoint().position()).toSeries());
            out.flush();
            return 0;
        }
        out.println("Model " + model + ": " + saved.network().describe());
        out.println();
        out.print(saved.network().summary());
        if (saved.preprocessing() != null) {
            printColumns(out, saved.preprocessing());
        }
        if (!saved.training().isEmpty()) {
            out.println();
            out.println("Training");
            for (Map.Entry<String, String> e : saved.training().entrySet()) {
                out.printf("  %-20s %s%n", e.getKey(), e.getValue());
            }
        }
        if (!saved.history().isEmpty()) {
            printHistory(out, saved.history());
        }
        out.flush();
        return 0;
    }

    /** The file as a checkpoint, or null when it is none either (the model file's error then says why). */
    private CheckpointFile.Saved checkpointOrNull() {
        try {
            return CheckpointFile.read(model);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void printColumns(PrintWriter out, Preprocessing prep) {
        out.println();
        out.println("Columns (" + prep.features().size() + " features → " + prep.inputs() + " inputs)");
        for (FeatureColumn f : prep.features()) {
            if (f.isCategorical()) {
                out.printf("  %-20s categorical, one-hot over %s%n", f.name(), String.join(", ",
                        f.categories().stream().map(FeatureColumn::display).toList()));
            } else {
                out.printf(Locale.ROOT, "  %-20s numeric, standardised with mean %.6g and scale %.6g, gaps filled with"
                        + " %s%s%n", f.name(), f.mean(), f.scale(), NumberText.compact(f.fill()), f.indicator()
                                ? " and flagged by a missing-indicator input" : "");
            }
        }
        if (!prep.ignored().isEmpty()) {
            out.printf("  %-20s left out: %s%n", "", String.join(", ", prep.ignored()));
        }
        if (prep.task().isClassification()) {
            out.printf("  %-20s label: %s with classes %s%n", prep.label().name(), prep.task().description(),
                    String.join(", ", prep.label().classes()));
        } else {
            out.printf(Locale.ROOT, "  %-20s label: regression, standardised with mean %.6g and scale %.6g%n",
                    prep.label().name(), prep.label().mean(), prep.label().scale());
        }
    }

    private void printHistory(PrintWriter out, Map<String, List<Double>> history) {
        if (history.isEmpty()) {
            return;
        }
        List<String> metrics = new ArrayList<>(history.keySet());
        int epochs = history.get(metrics.get(0)).size();
        out.println();
        out.println("History (" + epochs + " epochs)");
        StringBuilder header = new StringBuilder(String.format("  %6s", "epoch"));
        for (String m : metrics) {
            header.append(String.format(" %12s", m));
        }
        out.println(header);
        int step = all || epochs <= SHOWN_EPOCHS ? 1 : (int) Math.ceil(epochs / (double) SHOWN_EPOCHS);
        for (int e = 0; e < epochs; e++) {
            if (e % step != 0 && e != epochs - 1) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format("  %6d", e + 1));
            for (String m : metrics) {
                List<Double> values = history.get(m);
                row.append(e < values.size() ? String.format(Locale.ROOT, " %12.6g", values.get(e))
                        : String.format(" %12s", ""));
            }
            out.println(row);
        }
        if (step > 1) {
            out.println("  (every " + step + "th epoch and the last shown; --all for each)");
        }
    }
}
