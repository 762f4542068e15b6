package org.nn4j.train;

import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The mean loss of a set of rows at some weights and, for classification, the share classified correctly (NaN for
 * regression).
 */
public record Measurement(double loss, double accuracy) {

    /** Measures {@code network} on {@code data} in one forward pass, in inference mode, by the task's loss. */
    public static Measurement of(Network network, Dataset data, Task task) {
        return of(network, data, task, task.loss());
    }

    /** As {@link #of(Network, Dataset, Task)}, by {@code loss} (the task's, perhaps weighted by class). */
    public static Measurement of(Network network, Dataset data, Task task, Loss loss) {
        Matrix outputs = network.forward(data.inputs());
        double value = loss.value(outputs, data.targets());
        double accuracy = task.isClassification()
                ? (double) task.countCorrect(outputs, data.targets()) / data.size() : Double.NaN;
        return new Measurement(value, accuracy);
    }
}
