package org.nn4j.cli;

import java.util.Optional;
import java.util.ServiceLoader;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * Training on a cluster for {@code nn4j train --spark}. The command line carries no cluster code: the
 * {@code nn4j-spark} module provides this service when it is on the class path (the {@code nn4j-spark} launcher, or
 * {@code spark-submit} of its jar).
 */
public interface DistributedTraining {

    /**
     * Trains {@code network} in place on {@code train} with the given settings, on the cluster {@code master}
     * ({@code local[*]}: embedded in this process).
     */
    FitResult fit(String master, Network network, Dataset train, Task task, Optimizer optimizer,
            LearningRateSchedule schedule, int batchSize, int epochs, long seed, double clipNorm,
            TrainingListener listener);

    /** The service, when a module providing it is on the class path. */
    static Optional<DistributedTraining> find() {
        return ServiceLoader.load(DistributedTraining.class).findFirst();
    }
}
