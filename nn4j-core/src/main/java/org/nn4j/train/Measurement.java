package org.nn4j.train;

import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The mean loss of a set of rows at some weights and, for classification, the share classified correctly (NaN for
 * regression).
 */
public record Measurement(double loss, double accuracy) {

    /** Measures {@code network} on {@code data} in one forward pass, in inference mode. */
    public static Measurement of(Network network, Dataset data, Task task) {
        Matrix outputs = network.forward(data.inputs());
        double loss = task.loss().value(outputs, data.targets());
        double accuracy = task.isClassification()
                ? (double) task.countCorrect(outputs, data.targets()) / data.size() : Double.NaN;
        return new Measurement(loss, accuracy);
    }
}
