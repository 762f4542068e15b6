package org.nn4j.data;

import org.nn4j.tensor.Matrix;

/**
 * Samples and their targets: row i of {@code inputs} goes with row i of {@code targets}.
 *
 * @param name a short name for reports
 */
public record Dataset(String name, Matrix inputs, Matrix targets) {

    public Dataset {
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException(
                    "A data set needs one target row per input row, got inputs " + inputs.shape() + " and targets "
                            + targets.shape());
        }
    }

    public int size() {
        return inputs.rows();
    }
}
