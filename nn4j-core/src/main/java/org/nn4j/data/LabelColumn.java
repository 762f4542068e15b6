package org.nn4j.data;

import java.util.List;
import org.nn4j.metrics.Task;

/**
 * How the label column becomes network targets, and network outputs become answers again. For classification,
 * the class names in output order; for regression, the standardisation {@code (y − mean) / scale} fitted on the
 * training rows, undone on the way out.
 */
public record LabelColumn(String name, Task task, List<String> classes, double mean, double scale) {

    public LabelColumn {
        classes = List.copyOf(classes);
    }

    /** The number of network outputs. */
    public int outputs() {
        return task.outputs(classes.size());
    }

    /** A regression output in the label's own units. */
    public double toLabelUnits(double output) {
        return output * scale + mean;
    }
}
