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
 * closing the plan stops Spark again. On a cluster it first checks that the master speaks this build's Spark and
 * Scala, and sends nn4j's own jars to the executors. Spark's log messages are off unless {@link #verbose} asks for
 * them.
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
    public ClusterPlan open(String master, String path, String testPath, String label, Recipe recipe) {
        if (!verbose) {
            SparkLogs.off();
        }
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
        try {
            return SparkPlan.open(SparkSession.builder().sparkContext(spark.sc()).getOrCreate(), path, testPath,
                    label, recipe, spark::stop);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }
}
