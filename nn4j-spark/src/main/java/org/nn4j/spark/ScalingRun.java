package org.nn4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nn4j.data.Preprocessing;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * The scaling measurement of {@code BENCHMARKS.md}: trains an 8-32-1 network on a synthetic table of ROWS rows
 * (eight standard normal columns; the label is whether the first two sum above 0) for one epoch on Spark with the
 * given master, and prints one line of JSON with the training time and samples per second.
 *
 * <pre>ScalingRun MASTER ROWS BATCH [averaging-steps]</pre>
 */
public final class ScalingRun {

    private ScalingRun() {
    }

    public static void main(String[] args) {
        String master = args[0];
        long rows = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        int averaging = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        SparkSession spark = SparkSession.builder().master(master).appName("nn4j-scaling")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            Dataset<Row> raw = spark.range(rows).select(randn(100).as("x0"), randn(101).as("x1"), randn(102).as("x2"),
                    randn(103).as("x3"), randn(104).as("x4"), randn(105).as("x5"), randn(106).as("x6"),
                    randn(107).as("x7"));
            Dataset<Row> frame = raw.withColumn("label", when(col("x0").plus(col("x1")).gt(0), "yes").otherwise("no"))
                    .cache();
            frame.count();
            Preprocessing prep = SparkData.fit(frame, "label");
            Network network = Network.builder(8).dense(32, Activations.RELU).dense(1, Activations.SIGMOID)
                    .build(Initializers.HE, RandomSource.seeded(1));
            Adam adam = new Adam(0.01);
            TrainingLoop loop = TrainingLoop.builder(prep.task(), adam).batchSize(batch).epochs(1).seed(1).build();
            long start = System.nanoTime();
            FitResult result;
            try (SparkStep step = averaging > 0 ? SparkStep.averaging(spark, frame, prep, averaging, adam)
                    : SparkStep.synchronous(spark, frame, prep)) {
                result = loop.fit(network, step, null, TrainingListener.NONE);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "{\"master\":\"%s\",\"rows\":%d,\"batch\":%d,\"averaging\":%d,"
                    + "\"partitions\":%d,\"seconds\":%.3f,\"samples_per_second\":%.0f,\"loss\":%.4f,"
                    + "\"accuracy\":%.4f}%n", master, rows, batch, averaging, frame.javaRDD().getNumPartitions(),
                    seconds, rows / seconds, result.last().get("loss"), result.last().get("accuracy"));
        } finally {
            spark.stop();
        }
    }
}
