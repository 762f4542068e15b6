package org.nn4j.recipe;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.nn4j.data.Folds;
import org.nn4j.data.Table;
import org.nn4j.metrics.Evaluation;
import org.nn4j.metrics.Task;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Parallel;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * k-fold cross-validation of a {@link Recipe}, as scikit-learn's {@code cross_validate} with a shuffled
 * {@code StratifiedKFold} (classification) or {@code KFold} (regression): the rows are dealt into k {@link Folds}
 * (seeded by the recipe's seed), and each fold is scored by a network trained on the other folds' rows. Within
 * those rows, the fold draws its early-stopping validation rows as {@link Estimator#plan} draws them from a table,
 * and fits its own preprocessing on the rest. Every fold trains from the recipe's seed, as scikit-learn clones an
 * estimator with its {@code random_state} for each fold.
 *
 * <pre>{@code
 * CrossValidated cv = new CrossValidation(recipe, 5).run(table, "species", table.allRows());
 * MetricSummary accuracy = cv.summary("accuracy");
 * }</pre>
 *
 * <p>The folds train at once, one per core (each on a single thread, since every core already has a fold), through
 * the same {@link Parallel} rounds the training loop splits its mini-batches with. As the loop gives the same
 * weights on any number of threads, the results are those of training the folds one after another, bit for bit.
 */
public final class CrossValidation {

    private final Recipe recipe;
    private final int folds;
    private final boolean foldsAtOnce;

    /** Cross-validation of {@code recipe} in {@code folds} folds (2 or more), the folds training at once. */
    public CrossValidation(Recipe recipe, int folds) {
        this(recipe, folds, true);
    }

    private CrossValidation(Recipe recipe, int folds, boolean foldsAtOnce) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        if (folds < 2) {
            throw new IllegalArgumentException("Cross-validation needs 2 or more folds, got " + folds);
        }
        this.folds = folds;
        this.foldsAtOnce = foldsAtOnce;
    }

    /** The same cross-validation with the folds trained one after another, each split over every core. */
    public CrossValidation oneFoldAtATime() {
        return new CrossValidation(recipe, folds, false);
    }

    public int folds() {
        return folds;
    }

    /** How many folds train at the same time: one per thread ({@link Kernels#threads()}), at most all of them. */
    public int foldsAtOnce() {
        return foldsAtOnce ? Math.min(folds, Kernels.threads()) : 1;
    }

    /**
     * Cross-validates on {@code rows} of {@code table}, predicting {@code label}; the task is the recipe's, or
     * inferred from the label column as {@link Estimator#plan} infers it.
     */
    public CrossValidated run(Table table, String label, int[] rows) {
        Estimator estimator = new Estimator(recipe);
        return run(estimator, table, label, estimator.task(table, table.requireColumn(label, "label")), rows);
    }

    /**
     * Cross-validates on the rows a plan trains on (its training and validation rows), so that its test rows stay
     * unseen until the final model is scored on them.
     */
    public CrossValidated run(Plan plan) {
        return run(new Estimator(recipe), plan.table(), plan.label(), plan.preprocessing().task(), rowsOf(plan));
    }

    /**
     * The folds of {@link #run(Plan)} as plans, none trained yet: fold f's plan trains on the other folds' rows
     * (drawing its early-stopping validation rows from them) and has fold f's rows as its test rows. For a search
     * that trains the folds its own way, rung by rung.
     */
    public List<Plan> foldPlans(Plan plan) {
        Estimator estimator = new Estimator(recipe);
        Table table = plan.table();
        Task task = plan.preprocessing().task();
        int[][] heldOut = Folds.of(table, table.requireColumn(plan.label(), "label"), rowsOf(plan), folds,
                task.isClassification(), recipe.seed());
        return IntStream.range(0, folds).mapToObj(f -> foldPlan(estimator, table, plan.label(), task, heldOut, f))
                .toList();
    }

    /** The rows a plan trains on: its training and validation rows, its test rows left out. */
    private static int[] rowsOf(Plan plan) {
        return IntStream.concat(Arrays.stream(plan.split().train()), Arrays.stream(plan.split().validation()))
                .distinct().sorted().toArray();
    }

    private CrossValidated run(Estimator estimator, Table table, String label, Task task, int[] rows) {
        int[][] heldOut = Folds.of(table, table.requireColumn(label, "label"), rows, folds, task.isClassification(),
                recipe.seed());
        FoldResult[] results = new FoldResult[folds];
        if (foldsAtOnce) {
            // Each task writes its own place of the array: the order threads take folds in changes nothing.
            Parallel.forEach(folds, f -> results[f] = fold(estimator, table, label, task, heldOut, f));
        } else {
            for (int f = 0; f < folds; f++) {
                results[f] = fold(estimator, table, label, task, heldOut, f);
            }
        }
        return new CrossValidated(List.of(results));
    }

    /** Trains on every fold but {@code f} and scores the network on fold {@code f}. */
    private static FoldResult fold(Estimator estimator, Table table, String label, Task task, int[][] heldOut,
            int f) {
        Plan plan = foldPlan(estimator, table, label, task, heldOut, f);
        FitResult result = plan.loop().build().fit(plan.network(), plan.train(), plan.validation(),
                TrainingListener.NONE);
        Evaluation evaluation = Evaluation.of(plan.network(), plan.preprocessing(), table, heldOut[f]);
        return new FoldResult(f + 1, plan.split().train().length, plan.split().validation().length,
                heldOut[f].length, result, FoldResult.scoresOf(evaluation));
    }

    /** Fold {@code f}'s plan: training on every other fold's rows, tested on fold {@code f}. */
    private static Plan foldPlan(Estimator estimator, Table table, String label, Task task, int[][] heldOut, int f) {
        int[] trainingPart = IntStream.range(0, heldOut.length).filter(other -> other != f)
                .flatMap(other -> Arrays.stream(heldOut[other])).sorted().toArray();
        return estimator.foldPlan(table, label, task, trainingPart, heldOut[f]);
    }
}
