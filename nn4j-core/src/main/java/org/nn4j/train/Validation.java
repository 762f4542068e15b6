package org.nn4j.train;

import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;

/**
 * The validation rows of a run, wherever they are held: the {@link TrainingLoop} asks for their loss (and accuracy)
 * after each epoch, for {@code val_loss}, early stopping and plateau schedules. Rows in memory are measured here
 * ({@link #of}); rows on a cluster are measured where they live, and only the sums travel.
 */
public interface Validation {

    /** The mean loss and (for classification) the accuracy over the validation rows, in inference mode. */
    Measurement measure(Network network);

    /** Rows held in memory, measured by {@code loss} (the task's, perhaps weighted by class). */
    static Validation of(Dataset rows, Task task, Loss loss) {
        return network -> Measurement.of(network, rows, task, loss);
    }
}
