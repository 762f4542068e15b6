package org.nn4j.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Optimizer;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.GradientStep;
import org.nn4j.train.Measurement;
import org.nn4j.train.TrainingLoop;

/**
 * A {@link GradientStep} on Spark, for nn4j's one {@link TrainingLoop}: every loop feature (early stopping,
 * checkpoints, schedules, dropout, L2, clipping, listeners) works the same on a cluster. Two strategies:
 * <ul>
 *   <li><b>Synchronous</b> ({@link #synchronous}): every mini-batch is one Spark job of one task per partition
 *       (one partition per core). The task carries the batch's row indices and the weights, packed in the
 *       network's precision ({@link StepWeights}); each partition computes the gradient summed over its rows of
 *       the batch, the driver adds the sums in partition order, and the loop takes the optimizer step. The
 *       mini-batches are exactly those of one machine, so the result equals training on one machine up to the
 *       order in which sums are added, and is the same on every run.</li>
 *   <li><b>Parameter averaging</b> ({@link #averaging}): for every mini-batch each partition takes
 *       {@code localSteps} plain SGD steps over its rows of the batch, at the optimizer's current learning rate,
 *       and the driver sets the weights to their average, weighted by rows. Fewer rounds of communication for
 *       larger batches, at the price of results that depend on the partitioning; the optimizer's own update rule
 *       is not used.</li>
 * </ul>
 * Closing the step unpersists the cached rows; the Spark context stays the caller's.
 */
public final class SparkStep implements GradientStep {

    private final SparkRows rows;
    private final int localSteps;
    private final Optimizer averagingRate;

    private SparkStep(SparkRows rows, int localSteps, Optimizer averagingRate) {
        this.rows = rows;
        this.localSteps = localSteps;
        this.averagingRate = averagingRate;
    }

    /** Synchronous steps over the rows of {@code train}, spread over {@code partitions} partitions. */
    public static SparkStep synchronous(JavaSparkContext spark, Dataset train, int partitions, Task task) {
        return synchronous(spark, train, partitions, task, null);
    }

    /**
     * As {@link #synchronous(JavaSparkContext, Dataset, int, Task)}, with the loss weighted by {@code classWeights}
     * (null for none): each partition weighs its gradient by its rows' share of the batch's weights.
     */
    public static SparkStep synchronous(JavaSparkContext spark, Dataset train, int partitions, Task task,
            ClassWeights classWeights) {
        return new SparkStep(SparkRows.of(spark, train, partitions, task, classWeights), 0, null);
    }

    /** Synchronous steps over rows already on the executors; closing the step unpersists them. */
    static SparkStep synchronous(SparkRows rows) {
        return new SparkStep(rows, 0, null);
    }

    /** Synchronous steps over a DataFrame's rows, encoded by {@code prep} (from {@link SparkData#fit}). */
    public static SparkStep synchronous(SparkSession spark, org.apache.spark.sql.Dataset<Row> frame,
            Preprocessing prep) {
        return new SparkStep(SparkRows.of(spark, frame, prep), 0, null);
    }

    /**
     * Parameter averaging over the rows of {@code train}: {@code localSteps} SGD steps per partition and batch, at
     * the learning rate {@code optimizer} has at that moment (so schedules apply).
     */
    public static SparkStep averaging(JavaSparkContext spark, Dataset train, int partitions, Task task,
            int localSteps, Optimizer optimizer) {
        return new SparkStep(SparkRows.of(spark, train, partitions, task, null), requireSteps(localSteps),
                optimizer);
    }

    /** Parameter averaging over a DataFrame's rows, as {@link #averaging(JavaSparkContext, Dataset, int, Task, int,
     * Optimizer)}. */
    public static SparkStep averaging(SparkSession spark, org.apache.spark.sql.Dataset<Row> frame,
            Preprocessing prep, int localSteps, Optimizer optimizer) {
        return new SparkStep(SparkRows.of(spark, frame, prep), requireSteps(localSteps), optimizer);
    }

    private static int requireSteps(int localSteps) {
        if (localSteps < 1) {
            throw new IllegalArgumentException("Parameter averaging takes 1 or more local steps, got " + localSteps);
        }
        return localSteps;
    }

    @Override
    public String name() {
        return localSteps > 0 ? "backprop on Spark, parameter averaging of " + localSteps + " local steps"
                : "backprop on Spark, synchronous";
    }

    @Override
    public int rows() {
        return rows.rows;
    }

    /** The number of partitions the rows are spread over: the tasks of each step. */
    int partitions() {
        return rows.blocks.getNumPartitions();
    }

    @Override
    public long fingerprint() {
        return rows.fingerprint();
    }

    @Override
    public boolean movesWeights() {
        return localSteps > 0;
    }

    @Override
    public void compute(Network network, int[] order, int from, int count, RandomSource dropout,
            EpochTotals totals) {
        int[] batch = Arrays.copyOfRange(order, from, from + count);
        long dropoutSeed = network.hasDropout() ? Double.doubleToRawLongBits(dropout.nextDouble()) : 0;
        ShardWork work = localSteps > 0
                ? ShardWork.localSteps(batch, dropoutSeed, localSteps, averagingRate.learningRate())
                : ShardWork.gradient(batch, dropoutSeed);
        double[] sums = rows.run(work, network, from + count < order.length);
        // Rows, or the rows' class weights when the loss takes its mean over them.
        double seen = sums[2];
        int at = 3;
        for (Parameter p : network.parameters()) {
            // Synchronous: the batch's mean gradient; averaging: the row-weighted mean of the partitions' weights.
            Matrix target = localSteps > 0 ? p.value() : p.gradient();
            for (int i = 0; i < target.size(); i++) {
                target.set(i, sums[at++] / seen);
            }
        }
        // The batch's mean loss times its rows, what the loop sums; count / seen is exactly 1 unweighted.
        totals.add(sums[0] * (count / seen), Math.round(sums[1]));
    }

    @Override
    public Measurement measure(Network network) {
        return rows.measure(network);
    }

    @Override
    public void close() {
        rows.close();
    }
}
