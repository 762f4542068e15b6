package org.nn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.nn4j.io.CheckpointFile;
import org.nn4j.train.TrainingCheckpoint;

/**
 * What {@code nn4j summary} says about a checkpoint: that it is a training run in progress, not a model, where the
 * run stands, and the exact commands that continue it or extend it to more epochs.
 */
final class CheckpointSummary {

    private CheckpointSummary() {
    }

    static void print(PrintWriter out, Path file, CheckpointFile.Saved saved) {
        TrainingCheckpoint c = saved.checkpoint();
        int finished = c.epoch() - 1;
        String maxEpochs = saved.checkpoint().settings().get("max_epochs");
        boolean complete = maxEpochs != null && c.nextBatch() == 0 && Integer.toString(finished).equals(maxEpochs);
        out.println("Checkpoint " + file + ": a training run saved " + c.position() + " (" + finished + " finished"
                + " epoch" + (finished == 1 ? "" : "s") + (maxEpochs != null ? " of " + maxEpochs : "") + ") of a "
                + c.weights().describe() + " network. It is not a model: predict and evaluate take the model that"
                + " train --save writes.");
        out.println();
        String save = " --save " + modelName(file);
        if (saved.command().isEmpty()) {
            out.println("It does not record the command that started it (it was not written by nn4j train), so only"
                    + " Java can continue it, with TrainingLoop.resume.");
        } else {
            if (!complete) {
                out.println("Continue the run:  nn4j train --resume " + file + save);
            }
            out.println("Extend it to N epochs in total:  nn4j train --resume " + file + " --epochs N" + save);
            out.println("It started as:  nn4j train " + String.join(" ", saved.command()));
        }
        if (!saved.training().isEmpty()) {
            out.println();
            out.println("Training");
            // The record is kept unordered in the file: sorted, as a model's summary shows it.
            for (Map.Entry<String, String> e : new TreeMap<>(saved.training()).entrySet()) {
                out.printf("  %-20s %s%n", e.getKey(), e.getValue());
            }
        }
    }

    /** The model file a checkpoint belongs to: {@code run.nn4j} for {@code run.nn4j.ckpt}, else MODEL.nn4j. */
    private static String modelName(Path file) {
        String name = file.toString();
        return name.endsWith(".nn4j.ckpt") ? name.substring(0, name.length() - ".ckpt".length()) : "MODEL.nn4j";
    }
}
