package org.nn4j.recipe.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
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
 * held-out rows (and the mean accuracy). A trial costs k runs where a holdout trial costs one.
 *
 * <p>The winner is refitted as scikit-learn's {@code GridSearchCV} refits: on all the rows the folds were dealt
 * from, validation rows included, for as many epochs as its folds' weights came from on average (each fold's best
 * epoch when early stopping restored it, else its last), with early stopping off since no rows are left to watch.
 * It is then scored once on the test rows.
 */
public final class CrossValidationScorer implements TrialScorer {

    /** The folds a search scores by when none are asked for and the table is small. */
    public static final int DEFAULT_FOLDS = 5;
    /**
     * The most rows a table may have for a search to score by {@link #DEFAULT_FOLDS} folds unasked. On such a table
     * one split leaves at most a few hundred validation rows, too few to rank close trials; five runs a trial cost
     * little there, and on a larger table the validation rows alone rank well for a fifth of the time.
     */
    public static final int SMALL_TABLE_ROWS = 2_000;

    private final Table table;
    private final String label;
    private final Table testTable;
    private final int folds;
    /** Each trial's mean epoch of its folds' weights after its latest rung, for the refit. */
    private final Map<Recipe, Integer> foldEpochs = new ConcurrentHashMap<>();

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
    }

    /**
     * The folds to score a search on a table of {@code rows} rows by when the user chose none: {@link #DEFAULT_FOLDS}
     * up to {@link #SMALL_TABLE_ROWS} rows, else 0 (score on one split's validation rows, {@link HoldoutScorer}).
     */
    public static int defaultFolds(int rows) {
        return rows <= SMALL_TABLE_ROWS ? DEFAULT_FOLDS : 0;
    }

    @Override
    public TrialRun start(Recipe recipe) {
        Plan whole = new Estimator(recipe).plan(table, label, testTable);
        List<PausedRun> runs = new CrossValidation(recipe, folds).foldPlans(whole).stream()
                .map(fold -> new PausedRun(fold, fold.preprocessing().encode(fold.testTable(), fold.testRows())))
                .toList();
        return new FoldsRun(runs, epochs -> foldEpochs.put(recipe, epochs));
    }

    /**
     * Trains {@code recipe} on all the rows its folds were dealt from for the mean epoch of its folds' weights
     * (the recipe's epochs when it was never started), early stopping off, and scores it on the test rows.
     */
    @Override
    public Fitted refit(Recipe recipe) {
        return HoldoutScorer.fit(new Estimator(refitRecipe(recipe)).plan(table, label, testTable));
    }

    /** {@code recipe} with no validation rows and no early stopping, for its folds' mean epochs. */
    @Override
    public Recipe refitRecipe(Recipe recipe) {
        int epochs = foldEpochs.getOrDefault(recipe, recipe.epochs());
        return recipe.toBuilder().validationFraction(0).patience(0).monitor(null).epochs(epochs).build();
    }

    /** A trial's folds, trained to each rung one after another on the calling thread. */
    private static final class FoldsRun implements TrialRun {

        private final List<PausedRun> runs;
        private final IntConsumer onEpochs;

        FoldsRun(List<PausedRun> runs, IntConsumer onEpochs) {
            this.runs = runs;
            this.onEpochs = onEpochs;
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
            double weightsEpoch = runs.stream().mapToInt(PausedRun::weightsEpoch).average().orElse(epochs);
            onEpochs.accept(Math.max(1, (int) Math.round(weightsEpoch)));
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
