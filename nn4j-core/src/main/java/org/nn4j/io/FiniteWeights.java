package org.nn4j.io;

/**
 * Refuses tensors that hold NaN or an infinity. A network with such a weight predicts NaN for every row, and an
 * optimizer state with one turns every later step into NaN; loading it would only move the failure to a place
 * where it no longer names the file.
 */
final class FiniteWeights {

    private FiniteWeights() {
    }

    /**
     * @param name the tensor's name in the file, for the message
     * @throws IllegalArgumentException naming the tensor, the value and its position
     */
    static void require(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " holds " + values[i] + " at position " + i + " (of "
                        + values.length + "); weights must be finite numbers (was the file saved from a run whose"
                        + " loss diverged?)");
            }
        }
    }
}
