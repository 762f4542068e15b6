package org.nn4j.recipe.search;

import java.util.List;
import java.util.Objects;
import org.nn4j.data.Table;
import org.nn4j.recipe.CrossValidation;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.FitResult;

/**
 * Scores trials by k-fold cross-validation of the training rows, for small tables where one split's few validation
 * rows pick a winner with much luck. The rows a {@link HoldoutScorer} would train and validate on (the test rows
 * stay out) are dealt into k folds as {@link CrossValidation} deals them, the same for every trial; a trial trains
 * one {@link PausedRun} per fold, rung by rung, and scores the mean over the folds of the loss on each fold's
 * held-out rows (and the mean accuracy). The winner is refitted on all the rows as {@link HoldoutScorer#refit}
 * does, and scored once on the test rows. A trial costs k runs where a holdout trial costs one.
 */
public final class CrossValidationScorer implements TrialScorer {

    private final Table table;
    private final String label;
    private final Table testTable;
    private final int folds;
    private final HoldoutScorer refitter;

    /**
     * Scores on {@code folds} folds (2 or more) of {@code table}'s training rows, predicting {@code label}, with the
     * test rows from {@code testTable} when it is not null, else held out of {@code table}.
     */
    public CrossValidationScorer(Table table, String label, Table testTable, int folds) {
        this.table = Objects.requireNonNull(table, "table");
        this.label = Objects.requireNonNull(label, "label");
        this.testTable = testTable;
        if (folds < 2) {
            throw new IllegalArgumentException("Cross-validation needs 2 or more folds, got " + folds);
        }
        this.folds = folds;
        this.refitter = new HoldoutScorer(table, label, testTable);
    }

    @Override
    public TrialRun start(Recipe recipe) {
        Plan whole = new Estimator(recipe).plan(table, label, testTable);
        List<PausedRun> runs = new CrossValidation(recipe, folds).foldPlans(whole).stream()
                .map(fold -> new PausedRun(fold, fold.preprocessing().encode(fold.testTable(), fold.testRows())))
                .toList();
        return new FoldsRun(runs);
    }

    @Override
    public Fitted refit(Recipe recipe) {
        return refitter.refit(recipe);
    }

    /** A trial's folds, trained to each rung one after another on the calling thread. */
    private static final class FoldsRun implements TrialRun {

        private final List<PausedRun> runs;

        FoldsRun(List<PausedRun> runs) {
            this.runs = runs;
        }

        @Override
        public Score trainTo(int epochs) {
            double loss = 0;
            double accuracy = 0;
            for (PausedRun run : runs) {
                Score score = run.trainTo(epochs);
                loss += score.loss();
                accuracy += score.accuracy();
            }
            // A fold that diverged makes the mean NaN, which ranks the trial last.
            return new Score(loss / runs.size(), accuracy / runs.size());
        }

        /** The most epochs any fold has trained. */
        @Override
        public int epochs() {
            return runs.stream().mapToInt(PausedRun::epochs).max().orElse(0);
        }

        /** Paused while any fold is; else how the first fold ended. */
        @Override
        public String stopReason() {
            return runs.stream().map(PausedRun::stopReason).filter(FitResult.INTERRUPTED::equals).findFirst()
                    .orElse(runs.get(0).stopReason());
        }
    }
}
