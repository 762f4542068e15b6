package org.nn4j.recipe.search;

import java.util.Objects;
import org.nn4j.data.Table;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.EngineStep;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.Measurement;
import org.nn4j.train.TrainingCheckpoint;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * Scores trials on the validation rows of one split: every trial splits the table with the base recipe's seed, so
 * all of them train on the same rows and are scored on the same rows, and the test rows stay unseen until the
 * winner is refitted. A trial trains on its calling thread ({@link EngineStep}), so that several trials share the
 * cores; its rungs continue one run through the training loop's checkpoints, so a trial paused at rungs of 10 and
 * 30 epochs ends with exactly the weights of an uninterrupted run, and {@link #refit} gives the winner's weights
 * bit for bit.
 */
public final class HoldoutScorer implements TrialScorer {

    private final Table table;
    private final String label;
    private final Table testTable;

    /** Scores on {@code table}'s validation rows, predicting {@code label}; the test rows are held out of it. */
    public HoldoutScorer(Table table, String label) {
        this(table, label, null);
    }

    /** As {@link #HoldoutScorer(Table, String)}, with the test rows from {@code testTable} when it is not null. */
    public HoldoutScorer(Table table, String label, Table testTable) {
        this.table = Objects.requireNonNull(table, "table");
        this.label = Objects.requireNonNull(label, "label");
        this.testTable = testTable;
    }

    @Override
    public TrialRun start(Recipe recipe) {
        return new HoldoutRun(plan(recipe));
    }

    @Override
    public Fitted refit(Recipe recipe) {
        Plan plan = plan(recipe);
        GradientNorms norms = new GradientNorms();
        TrainingLoop loop = plan.loop().build();
        try (GradientStep step = stepOf(plan, loop)) {
            FitResult result = loop.fit(plan.network(), step, plan.validation(), norms);
            return plan.finish(result, norms);
        }
    }

    private Plan plan(Recipe recipe) {
        if (recipe.validationFraction() <= 0) {
            throw new IllegalArgumentException("A search scores its trials on the validation rows, so the"
                    + " validation share must be above 0, got " + recipe.validationFraction());
        }
        return new Estimator(recipe).plan(table, label, testTable);
    }

    private static GradientStep stepOf(Plan plan, TrainingLoop loop) {
        return new EngineStep(loop.settings().engine(), plan.train(), plan.preprocessing().task(),
                loop.settings().loss());
    }

    /**
     * The validation score of {@code plan}'s network as it now is, by {@code loop}'s loss (weighted by class when
     * the recipe says so); NaN when the run diverged.
     */
    private static Score score(Plan plan, TrainingLoop loop, boolean diverged) {
        Measurement m = diverged ? new Measurement(Double.NaN, Double.NaN)
                : Measurement.of(plan.network(), plan.validation(), plan.preprocessing().task(),
                        loop.settings().loss());
        return plan.preprocessing().task().isClassification() ? new Score(m.loss(), m.accuracy())
                : Score.loss(m.loss());
    }

    /** One trial's run, paused at each rung by a stop request and continued from the checkpoint it left. */
    private static final class HoldoutRun implements TrialRun {

        private final Plan plan;
        private final TrainingLoop loop;
        private final TrainingListener epochCounter = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                epochsDone = record.epoch();
            }
        };
        private int budget;
        private int epochsDone;
        private TrainingCheckpoint paused;
        private FitResult result;

        HoldoutRun(Plan plan) {
            this.plan = plan;
            // The stop request is asked after each epoch: it pauses the run once the rung's epochs are done.
            this.loop = plan.loop().stopWhen(() -> epochsDone >= budget).checkpoints(0, c -> paused = c).build();
        }

        @Override
        public Score trainTo(int epochs) {
            if (result != null && !result.stopReason().equals(FitResult.INTERRUPTED)) {
                return score(plan, loop, result.stopReason().equals(FitResult.DIVERGED));
            }
            budget = epochs;
            try (GradientStep step = stepOf(plan, loop)) {
                TrainingCheckpoint from = paused;
                paused = null;
                result = from == null ? loop.fit(plan.network(), step, plan.validation(), epochCounter)
                        : loop.resume(plan.network(), step, plan.validation(), epochCounter, from);
            }
            return score(plan, loop, result.stopReason().equals(FitResult.DIVERGED));
        }

        @Override
        public int epochs() {
            return result == null ? 0 : result.epochs();
        }

        @Override
        public String stopReason() {
            return result == null ? FitResult.INTERRUPTED : result.stopReason();
        }
    }
}
