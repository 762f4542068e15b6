package org.nn4j.train;

import java.util.Optional;
import java.util.ServiceLoader;
import org.nn4j.data.Dataset;

/**
 * Gradient steps computed on a cluster, for {@code nn4j train --spark}. Neither this library nor the command line
 * carries cluster code: a module that does ({@code nn4j-spark}) provides this service when it is on the class path,
 * and the one {@link TrainingLoop} runs over the step it opens.
 */
public interface ClusterTraining {

    /**
     * Starts or joins the cluster {@code master} ({@code local[*]}: embedded in this process) and opens a step over
     * the rows of {@code train}; closing the step releases the cluster.
     */
    GradientStep open(String master, Dataset train, TrainingSettings settings);

    /** This service with the cluster's own log messages shown ({@code nn4j train --verbose}) or not (the default). */
    default ClusterTraining verbose(boolean showLogs) {
        return this;
    }

    /** The service, when a module providing it is on the class path. */
    static Optional<ClusterTraining> find() {
        return ServiceLoader.load(ClusterTraining.class).findFirst();
    }
}
