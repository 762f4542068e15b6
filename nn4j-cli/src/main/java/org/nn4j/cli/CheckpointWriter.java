package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nn4j.io.CheckpointFile;
import org.nn4j.train.TrainingCheckpoint;

/**
 * Writes a run's checkpoints. A write that fails (a full disk, a folder made read-only) does not end the run: the
 * checkpoint is a safety net, and the weights in memory are still good. It warns once, keeps trying at the next
 * checkpoint, and remembers whether the latest write failed, so that a run stopped by a signal does not claim a
 * checkpoint it could not save.
 */
final class CheckpointWriter implements Consumer<TrainingCheckpoint> {

    private final Path file;
    private final Function<TrainingCheckpoint, CheckpointFile.Saved> context;
    private final PrintWriter err;
    private boolean warned;
    private IOException lastFailure;

    /** @param context the checkpoint with the record of its run, as it is written */
    CheckpointWriter(Path file, Function<TrainingCheckpoint, CheckpointFile.Saved> context, PrintWriter err) {
        this.file = file;
        this.context = context;
        this.err = err;
    }

    @Override
    public void accept(TrainingCheckpoint checkpoint) {
        try {
            CheckpointFile.write(context.apply(checkpoint), file);
            lastFailure = null;
        } catch (IOException e) {
            lastFailure = e;
            if (!warned) {
                warned = true;
                err.println("nn4j: warning: " + e.getMessage() + "; training goes on, and later checkpoints will be"
                        + " tried (this warning is shown once)");
                err.flush();
            }
        }
    }

    /** The reason the latest write failed, or null when it succeeded (or none was tried). */
    IOException lastFailure() {
        return lastFailure;
    }
}
