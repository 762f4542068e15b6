package org.nn4j.recipe;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Training on a cluster, for {@code nn4j train --spark}. Neither this library nor the command line carries cluster
 * code: a module that does ({@code nn4j-spark}) provides this service when it is on the class path. The front end
 * hands over where the data are and the recipe; the cluster reads, splits and prepares the rows where they live
 * and hands back a {@link ClusterPlan}, whose gradient step and measurements the one
 * {@link org.nn4j.train.TrainingLoop} runs over. No row ever comes to this process.
 */
public interface ClusterTraining {

    /**
     * Starts or joins the cluster {@code master} ({@code local[*]}: embedded in this process), reads the table at
     * {@code path} (any path the cluster reads: CSV with a header row, or Parquet) there, and plans the recipe on
     * it: the task, the split, the preprocessing. The test rows come from {@code testPath} when it is not null.
     * Closing the plan releases the cluster.
     */
    ClusterPlan open(String master, String path, String testPath, String label, Recipe recipe);

    /** This service with the cluster's own log messages shown ({@code nn4j train --verbose}) or not (the default). */
    default ClusterTraining verbose(boolean showLogs) {
        return this;
    }

    /** The service, when a module providing it is on the class path. */
    static Optional<ClusterTraining> find() {
        return ServiceLoader.load(ClusterTraining.class).findFirst();
    }
}
