package org.nn4j.train;

import org.nn4j.data.Dataset;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The inputs and targets of one mini-batch, gathered from the training rows into matrices that are reused from
 * batch to batch (one pair for full batches, one for the smaller last batch), so a loop allocates nothing.
 */
final class Batch {

    private Matrix fullInputs;
    private Matrix fullTargets;
    private Matrix partInputs;
    private Matrix partTargets;
    private Matrix inputs;
    private Matrix targets;

    /** Gathers rows {@code order[from]}, …, {@code order[from + count − 1]} of {@code data} in {@code precision}. */
    void gather(Dataset data, int[] order, int from, int count, Precision precision) {
        int in = data.inputs().cols();
        int out = data.targets().cols();
        if (fullInputs == null || fullInputs.rows() <= count) {
            fullInputs = inputs = Matrix.reuseOrAllocate(fullInputs, count, in, precision);
            fullTargets = targets = Matrix.reuseOrAllocate(fullTargets, count, out, precision);
        } else {
            partInputs = inputs = Matrix.reuseOrAllocate(partInputs, count, in, precision);
            partTargets = targets = Matrix.reuseOrAllocate(partTargets, count, out, precision);
        }
        Matrix.gatherRows(data.inputs(), order, from, inputs);
        Matrix.gatherRows(data.targets(), order, from, targets);
    }

    Matrix inputs() {
        return inputs;
    }

    Matrix targets() {
        return targets;
    }
}
