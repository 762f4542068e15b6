package org.nn4j.train;

/**
 * The running sums of an epoch that its metrics come from: the loss summed over the rows trained so far, and how
 * many of them were classified correctly. Owned by the {@link TrainingLoop}; a {@link GradientStep} adds to it.
 */
public final class EpochTotals {

    private double lossSum;
    private long correct;

    /** Adds the summed loss and the correct count of some rows. */
    public void add(double lossSum, long correct) {
        this.lossSum += lossSum;
        this.correct += correct;
    }

    public double lossSum() {
        return lossSum;
    }

    public long correct() {
        return correct;
    }

    void reset(double lossSum, long correct) {
        this.lossSum = lossSum;
        this.correct = correct;
    }
}
