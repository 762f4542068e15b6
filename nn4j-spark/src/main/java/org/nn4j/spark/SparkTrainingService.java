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
 * many partitions as Spark has cores; closing the step stops Spark again.
 */
public final class SparkTrainingService implements ClusterTraining {

    @Override
    public GradientStep open(String master, Dataset train, TrainingSettings settings) {
        SparkConf conf = new SparkConf().setAppName("nn4j train").set("spark.ui.enabled", "false");
        // Under spark-submit the master comes from there; otherwise from --spark.
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1");
            }
        }
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        spark.setLogLevel("WARN");
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
