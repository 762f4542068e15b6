package org.nn4j.recipe;

import java.util.List;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.doctor.TrainingDoctor;
import org.nn4j.metrics.Evaluation;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Network;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.TrainingLoopBuilder;
import org.nn4j.train.TrainingSettings;
import org.nn4j.train.Validation;

/**
 * A {@link Recipe} applied to a table that stays on a cluster, as {@link Plan} is for a table in memory: the rows
 * were read, split and measured where they live, and this process holds only what was computed from them — the
 * preprocessing, the row counts, a bounded sample for pictures — and handles to compute more there: the training
 * rows' gradient step, the validation rows' measurement and the test rows' metrics.
 *
 * <p>The split is {@link org.nn4j.data.Split#hashed}: each row's part follows from its position in the table and
 * the seed alone, so that executors split their rows without seeing the others'.
 */
public interface ClusterPlan extends AutoCloseable {

    /** The recipe this plan carries out. */
    Recipe recipe();

    /** Where the rows come from, for reports, e.g. the path. */
    String source();

    /** The preprocessing, fitted on the training rows (categories and classes from all rows, as on one machine). */
    Preprocessing preprocessing();

    /** True when the task came from the label column rather than the recipe. */
    boolean taskInferred();

    /** The columns of the table, in order. */
    int columns();

    /** The rows of the table (without a separate test table's). */
    long rows();

    long trainRows();

    long validationRows();

    long testRows();

    /** The number of training rows of each class, in the label's class order; empty for regression. */
    long[] classCounts();

    /** Up to {@code rows} of the training rows as they were read, for pictures and the dashboard. */
    Table sample(int rows);

    /** The gradient step over the training rows, for a loop with {@code settings}; closing it keeps the plan open. */
    GradientStep step(TrainingSettings settings);

    /** The validation rows, measured by {@code settings}' loss where they live; null when there are none. */
    Validation validation(TrainingSettings settings);

    /** The trained {@code network}'s metrics on the test rows, computed where they live; empty for none. */
    Evaluation test(Network network);

    /**
     * The training loop's settings, with a new optimizer and the class weights, as {@link Plan#loop} makes them; an
     * optimizer that takes full-batch steps (L-BFGS) gets one batch of all training rows.
     */
    default TrainingLoopBuilder loop() {
        TrainingLoopBuilder loop = recipe().loop(preprocessing().task(), validationRows() > 0)
                .classWeights(classWeights());
        return recipe().newOptimizer().needsObjective() ? loop.batchSize(Math.toIntExact(trainRows())) : loop;
    }

    /** The recipe's class weights, balanced ones counted on the training rows; null for none. */
    default ClassWeights classWeights() {
        return recipe().classWeights(preprocessing().label(), preprocessing().task(), classCounts());
    }

    /**
     * The doctor's findings, as {@link Plan#finish} makes them: from the losses, the gradient norms {@code norms}
     * heard during training (may be null) and, for dead units, the encoded inputs of {@code sample} training rows.
     */
    default List<Diagnosis> diagnose(Network network, FitResult result, GradientNorms norms, Table sample) {
        return TrainingDoctor.examine(network, preprocessing().encodeInputs(sample, sample.allRows()),
                result.series("loss"), validationRows() > 0 ? result.series("val_loss") : List.of(),
                norms != null ? norms.perEpoch() : List.of(), result.stopReason().equals(FitResult.DIVERGED),
                Plan.doctorsView(recipe()));
    }

    /** Releases the cluster. */
    @Override
    void close();
}
