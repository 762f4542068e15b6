package org.nn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nn4j.cli.DistributedTraining;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * {@code nn4j train --spark}: starts (or joins) Spark for the run, trains with {@link SparkTrainer} over as many
 * partitions as Spark has cores, and stops Spark again.
 */
public final class SparkTrainingService implements DistributedTraining {

    @Override
    public FitResult fit(String master, Network network, Dataset train, Task task, Optimizer optimizer,
            LearningRateSchedule schedule, int batchSize, int epochs, long seed, double clipNorm,
            TrainingListener listener) {
        SparkConf conf = new SparkConf().setAppName("nn4j train").set("spark.ui.enabled", "false");
        // Under spark-submit the master comes from there; otherwise from --spark.
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1");
            }
        }
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(
                org.apache.spark.SparkContext.getOrCreate(conf));
        spark.setLogLevel("WARN");
        try {
            return SparkTrainer.builder(task, optimizer).batchSize(batchSize).epochs(epochs).seed(seed)
                    .schedule(schedule).clipNorm(clipNorm).build()
                    .fit(spark, network, train, spark.defaultParallelism(), listener);
        } finally {
            spark.stop();
        }
    }
}
