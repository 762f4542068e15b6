package org.nn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nn4j.recipe.ClusterPlan;
import org.nn4j.recipe.ClusterTraining;
import org.nn4j.recipe.Recipe;

/**
 * {@code nn4j train --spark}: starts (or joins) Spark for the run and plans it there ({@link SparkPlan}): the table
 * is read, split, prepared and scored on the executors, and each mini-batch is one synchronous {@link SparkStep};
 * closing the plan stops Spark again.
 */
public final class SparkTrainingService implements ClusterTraining {

    @Override
    public ClusterPlan open(String master, String path, String testPath, String label, Recipe recipe) {
        SparkConf conf = new SparkConf().setAppName("nn4j train").set("spark.ui.enabled", "false")
                // Blocks of encoded rows share no objects: a stream that remembers the last 100 written (Spark's
                // default) only holds them in memory while rows spill to disk.
                .setIfMissing("spark.serializer.objectStreamReset", "1");
        // Under spark-submit the master comes from there; otherwise from --spark.
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1");
            }
        }
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        spark.setLogLevel("WARN");
        try {
            return SparkPlan.open(SparkSession.builder().sparkContext(spark.sc()).getOrCreate(), path, testPath,
                    label, recipe, spark::stop);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }
}
