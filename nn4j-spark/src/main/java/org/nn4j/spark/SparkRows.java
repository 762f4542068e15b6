package org.nn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Network;
import org.nn4j.train.DataFingerprint;
import org.nn4j.train.Measurement;

/**
 * The training rows of a Spark run, encoded once into {@link RowBlock} shards and cached on the executors, with what
 * every Spark step needs of them: their number, their checksum, the loss over all of them, and a way to send the
 * weights out (in the model file's encoding). Closing unpersists the rows.
 */
final class SparkRows implements AutoCloseable {

    /** The Spark setting that says where the encoded rows are kept: a storage level's name. */
    static final String STORAGE_LEVEL = "spark.nn4j.rows.storageLevel";

    final JavaSparkContext spark;
    final JavaRDD<RowBlock> blocks;
    final Task task;
    /** The loss's class weights, sent to the executors with each task; null for none. */
    final ClassWeights classWeights;
    final int rows;
    private Long fingerprint;

    private SparkRows(JavaSparkContext spark, JavaRDD<RowBlock> blocks, Task task, ClassWeights classWeights) {
        this.spark = spark;
        // Rows that do not fit in the executors' memory wait on their disks rather than being read again;
        // executors with little memory keep them on disk only (spark.nn4j.rows.storageLevel=DISK_ONLY).
        this.blocks = blocks.persist(StorageLevel.fromString(spark.getConf().get(STORAGE_LEVEL, "MEMORY_AND_DISK")));
        this.task = task;
        this.classWeights = classWeights;
        task.loss(classWeights);
        this.rows = Math.toIntExact(this.blocks.map(RowBlock::size).fold(0, Integer::sum));
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
        SparkRows rows = new SparkRows(spark, spark.parallelize(shards(train, partitions), partitions), task,
                classWeights);
        // The same checksum as on one machine, so a checkpoint resumes with or without Spark.
        rows.fingerprint = DataFingerprint.of(train);
        return rows;
    }

    /** Rows encoded on the executors into {@code blocks}, numbered from 0; the checksum sums the blocks'. */
    static SparkRows of(JavaSparkContext spark, JavaRDD<RowBlock> blocks, Task task, ClassWeights classWeights) {
        return new SparkRows(spark, blocks, task, classWeights);
    }

    /** The rows of a DataFrame, encoded by {@code prep} on the executors, one shard per partition. */
    static SparkRows of(SparkSession spark, org.apache.spark.sql.Dataset<Row> frame, Preprocessing prep) {
        return new SparkRows(JavaSparkContext.fromSparkContext(spark.sparkContext()), SparkData.blocks(frame, prep),
                prep.task(), null);
    }

    /** The rows' checksum: one machine's for rows from the driver, else a sum of the shards' checksums. */
    long fingerprint() {
        if (fingerprint == null) {
            fingerprint = blocks.map(RowBlock::fingerprint).fold(0L, Long::sum);
        }
        return fingerprint;
    }

    /** The weights as the executors receive them: the bytes of a model file. */
    Broadcast<byte[]> broadcast(Network network) {
        return spark.broadcast(ModelFile.toBytes(new SavedModel(network, Map.of())));
    }

    Measurement measure(Network network) {
        Broadcast<byte[]> model = broadcast(network);
        Task stepTask = task;
        ClassWeights weights = classWeights;
        try {
            double[] sums = blocks.map(block -> block.measure(model.value(), stepTask, weights))
                    .treeAggregate(new double[4], SparkRows::add, SparkRows::add);
            return new Measurement(sums[0] / sums[3], task.isClassification() ? sums[1] / sums[2] : Double.NaN);
        } finally {
            model.destroy();
        }
    }

    static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }

    /** The rows in {@code partitions} contiguous shards, each row with its index in the data set. */
    private static List<RowBlock> shards(Dataset train, int partitions) {
        int n = train.size();
        double[][] x = train.inputs().toRows();
        double[][] y = train.targets().toRows();
        List<RowBlock> blocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            int[] index = new int[to - from];
            double[][] bx = new double[to - from][];
            double[][] by = new double[to - from][];
            for (int i = from; i < to; i++) {
                index[i - from] = i;
                bx[i - from] = x[i];
                by[i - from] = y[i];
            }
            blocks.add(new RowBlock(index, bx, by));
        }
        return blocks;
    }
}
