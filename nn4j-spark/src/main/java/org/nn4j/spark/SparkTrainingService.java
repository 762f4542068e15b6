package org.nn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.nn4j.data.Dataset;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.train.ClusterTraining;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.GradientStep;
import org.nn4j.train.Measurement;
import org.nn4j.train.TrainingSettings;

/**
 * {@code nn4j train --spark}: starts (or joins) Spark for the run and opens a synchronous {@link SparkStep} over as
 * many partitions as Spark has cores; closing the step stops Spark again. On a cluster it first checks that the
 * master speaks this build's Spark and Scala, and sends nn4j's own jars to the executors. Spark's log messages are
 * off unless {@link #verbose} asks for them.
 */
public final class SparkTrainingService implements ClusterTraining {

    private final boolean verbose;

    /** The service as {@link ClusterTraining#find} loads it: Spark's log messages off. */
    public SparkTrainingService() {
        this(false);
    }

    private SparkTrainingService(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public ClusterTraining verbose(boolean showLogs) {
        return new SparkTrainingService(showLogs);
    }

    @Override
    public GradientStep open(String master, Dataset train, TrainingSettings settings) {
        if (!verbose) {
            SparkLogs.off();
        }
        SparkConf conf = new SparkConf().setAppName("nn4j train").set("spark.ui.enabled", "false");
        // Under spark-submit the master comes from there; otherwise from --spark.
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1");
            }
        }
        String actual = conf.get("spark.master");
        if (actual.startsWith("spark://")) {
            MasterProbe.check(actual, conf);
        }
        // Executors elsewhere load nn4j's classes from the jars the driver sends (spark-submit sends its own).
        if (!actual.startsWith("local") && !conf.contains("spark.jars")) {
            conf.setJars(ExecutorJars.nn4j());
        }
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        if (verbose) {
            spark.setLogLevel("INFO");
        }
        SparkStep step;
        try {
            step = SparkStep.synchronous(spark, train, spark.defaultParallelism(), settings.task(),
                    settings.classWeights());
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
        return new SessionStep(step, spark);
    }

    /** A step that owns its Spark context: closing it unpersists the rows, then stops Spark. */
    private record SessionStep(SparkStep step, JavaSparkContext spark) implements GradientStep {

        @Override
        public String name() {
            return step.name();
        }

        @Override
        public int rows() {
            return step.rows();
        }

        @Override
        public long fingerprint() {
            return step.fingerprint();
        }

        @Override
        public void compute(Network network, int[] order, int from, int count, RandomSource dropout,
                EpochTotals totals) {
            step.compute(network, order, from, count, dropout, totals);
        }

        @Override
        public Measurement measure(Network network) {
            return step.measure(network);
        }

        @Override
        public void close() {
            try {
                step.close();
            } catch (RuntimeException e) {
                // A failed cleanup must not hide why training ended; Spark is stopped regardless.
            } finally {
                spark.stop();
            }
        }
    }
}
