package org.nn4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Network;
import org.nn4j.train.DataFingerprint;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.Measurement;

/**
 * The training rows of a Spark run, encoded once into {@link RowBlock} shards, one per partition and core
 * ({@link BalancedShards}), and cached on the executors, with what every Spark step needs of them: their number,
 * their checksum, the loss over all of them, and a way to send the weights out ({@link StepWeights}). Closing
 * unpersists the rows.
 */
final class SparkRows implements AutoCloseable {

    /** How long a {@link StepJob}'s tasks may take to start and connect before each step runs as a job of its own. */
    private static final long JOB_START_MILLIS = 30_000;
    /** The Spark setting that says where the encoded rows are kept: a storage level's name. */
    static final String STORAGE_LEVEL = "spark.nn4j.rows.storageLevel";
    /** The partition count that keeps the blocks' own partitions. */
    private static final int KEEP_PARTITIONS = 0;

    final JavaSparkContext spark;
    final JavaRDD<RowBlock> blocks;
    final Task task;
    /** The loss's class weights, sent to the executors with each task; null for none. */
    final ClassWeights classWeights;
    final int rows;
    private Long fingerprint;
    /** The job serving steps and measurements of these rows, or null. */
    private StepJob job;
    /** Set once a {@link StepJob} could not start or failed: the run goes on with a job per step. */
    private boolean jobUnavailable;
    /** The network's architecture on the executors, broadcast once by the first step. */
    private Broadcast<byte[]> architecture;

    private SparkRows(JavaSparkContext spark, JavaRDD<RowBlock> blocks, int partitions, Task task,
            ClassWeights classWeights) {
        this.spark = spark;
        task.loss(classWeights);
        // Rows that do not fit in the executors' memory wait on their disks rather than being read again;
        // executors with little memory keep them on disk only (spark.nn4j.rows.storageLevel=DISK_ONLY).
        StorageLevel level = StorageLevel.fromString(spark.getConf().get(STORAGE_LEVEL, "MEMORY_AND_DISK"));
        // Read (or encoded) once: ranking the shards' rows and moving them both read the source shards.
        if (partitions == KEEP_PARTITIONS) {
            this.blocks = blocks.persist(level);
        } else {
            JavaRDD<RowBlock> source = blocks.persist(level);
            try {
                this.blocks = BalancedShards.of(source, partitions).persist(level);
            } finally {
                source.unpersist(false);
            }
        }
        this.rows = Math.toIntExact(this.blocks.map(RowBlock::size).fold(0, Integer::sum));
        this.task = task;
        this.classWeights = classWeights;
    }

    /**
     * The rows of {@code train}, spread over {@code partitions} contiguous shards, for a loss weighted by
     * {@code classWeights} (null for none).
     */
    static SparkRows of(JavaSparkContext spark, Dataset train, int partitions, Task task,
            ClassWeights classWeights) {
        if (partitions < 1) {
            throw new IllegalArgumentException("At least 1 partition is needed, got " + partitions);
        }
        SparkRows rows = new SparkRows(spark, spark.parallelize(shards(train, partitions), partitions), partitions,
                task, classWeights);
        // The same checksum as on one machine, so a checkpoint resumes with or without Spark.
        rows.fingerprint = DataFingerprint.of(train);
        return rows;
    }

    /**
     * Rows encoded on the executors into {@code blocks}, numbered from 0, spread over as many shards as Spark has
     * cores; the checksum sums the blocks'.
     */
    static SparkRows of(JavaSparkContext spark, JavaRDD<RowBlock> blocks, Task task, ClassWeights classWeights) {
        // Rows already in a partition per core or more stay where they were read: moving them would hold a shard's
        // rows in an executor's memory at once, which a table larger than that memory cannot afford.
        int cores = spark.defaultParallelism();
        return new SparkRows(spark, blocks, blocks.getNumPartitions() >= cores ? KEEP_PARTITIONS : cores, task,
                classWeights);
    }

    /**
     * The rows of a DataFrame, encoded by {@code prep} on the executors, spread over as many partitions as Spark has
     * cores.
     */
    static SparkRows of(SparkSession spark, org.apache.spark.sql.Dataset<Row> frame, Preprocessing prep) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new SparkRows(context, SparkData.blocks(frame, prep), context.defaultParallelism(), prep.task(),
                null);
    }

    /** The rows' checksum: one machine's for rows from the driver, else a sum of the shards' checksums. */
    long fingerprint() {
        if (fingerprint == null) {
            fingerprint = blocks.map(RowBlock::fingerprint).fold(0L, Long::sum);
        }
        return fingerprint;
    }

    /**
     * The weights as the executors receive them for one job: the architecture, broadcast on the first call, and the
     * network's current values.
     */
    StepWeights weights(Network network) {
        if (architecture == null) {
            architecture = StepWeights.broadcastArchitecture(spark, network);
        }
        return new StepWeights(architecture, StepWeights.pack(network));
    }

    /**
     * The sum over the shards of {@code work} at {@code network}'s weights. When there is a core for every shard, a
     * step that the same epoch follows with more ({@code moreToCome}) starts a {@link StepJob}, which then serves
     * every step and measurement of these rows until Spark starts another job or the rows close; everything else
     * runs as a Spark job of its own. If the long-lived job cannot start, or loses a task, the run goes on with a
     * job per step, where Spark retries failed tasks.
     */
    double[] run(ShardWork work, Network network, boolean moreToCome) {
        StepWeights weights = weights(network);
        int length = work.resultLength(network.parameterCount());
        if (job != null && !job.isOpen()) {
            job = null;
        }
        if (job == null && moreToCome && !jobUnavailable && blocks.getNumPartitions() <= spark.defaultParallelism()) {
            job = StepJob.start(blocks, architecture, task, classWeights, spark.getConf().get("spark.driver.host"),
                    JOB_START_MILLIS);
            jobUnavailable = job == null;
        }
        if (job != null) {
            try {
                double[] sums = job.run(work, weights.values(), length);
                if (sums != null) {
                    return sums;
                }
                // Another Spark job took the cores between the check above and this step: it runs as a job.
                job = null;
            } catch (IOException e) {
                stopJob();
                jobUnavailable = true;
            }
        }
        Task stepTask = task;
        ClassWeights lossWeights = classWeights;
        return sum(blocks.map(block -> work.on(block, weights, stepTask, lossWeights)), length);
    }

    Measurement measure(Network network) {
        double[] sums = run(ShardWork.measure(), network, false);
        return new Measurement(sums[0] / sums[3], task.isClassification() ? sums[1] / sums[2] : Double.NaN);
    }

    /**
     * The element-wise sum of the shards' results, added on the driver in the order of the partitions, so that a
     * run gives the same bits every time whichever task ends first. With one shard per core there are as many
     * results as cores, each sent to the driver once, as a reduce would.
     */
    static double[] sum(JavaRDD<double[]> results, int length) {
        double[] total = new double[length];
        for (double[] one : results.collect()) {
            add(total, one);
        }
        return total;
    }

    static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    private void stopJob() {
        if (job != null) {
            job.close();
            job = null;
        }
    }

    @Override
    public void close() {
        stopJob();
        blocks.unpersist(false);
        if (architecture != null) {
            // Unpersisted, not destroyed: the rows of one plan (training, validation, test) close at different
            // times, and a task still in flight may read it again from the driver.
            architecture.unpersist(false);
        }
    }

    /** The rows in {@code partitions} contiguous shards, each row with its index in the data set. */
    private static List<RowBlock> shards(Dataset train, int partitions) {
        int n = train.size();
        List<RowBlock> blocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            int[] index = new int[to - from];
            for (int i = from; i < to; i++) {
                index[i - from] = i;
            }
            Matrix x = Matrix.zeros(index.length, train.inputs().cols(), train.inputs().precision());
            Matrix y = Matrix.zeros(index.length, train.targets().cols(), train.targets().precision());
            Matrix.gatherRows(train.inputs(), index, 0, x);
            Matrix.gatherRows(train.targets(), index, 0, y);
            blocks.add(new RowBlock(index, x, y));
        }
        return blocks;
    }
}
