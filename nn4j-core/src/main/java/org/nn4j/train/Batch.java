package org.nn4j.train;

import org.nn4j.data.Dataset;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The inputs and targets of one mini-batch, gathered from the training rows into matrices that are reused from
 * batch to batch (one pair for full batches, one for the smaller last batch), so a loop allocates nothing; or, for
 * all rows in their order, the rows themselves. Either way the engines only read them.
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
        if (isEveryRowInOrder(data, order, from, count) && data.inputs().precision() == precision
                && data.targets().precision() == precision) {
            // A full batch of unshuffled rows (the tutorial's) is the data itself: nothing to copy. Read only.
            inputs = data.inputs();
            targets = data.targets();
            return;
        }
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

    private static boolean isEveryRowInOrder(Dataset data, int[] order, int from, int count) {
        if (from != 0 || count != data.size()) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    Matrix inputs() {
        return inputs;
    }

    Matrix targets() {
        return targets;
    }
}
