package org.nn4j.recipe.search;

import java.util.Objects;
import org.nn4j.data.Table;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.TrainingLoop;

/**
 * Scores trials on the validation rows of one split: every trial splits the table with the base recipe's seed, so
 * all of them train on the same rows and are scored on the same rows, and the test rows stay unseen until the
 * winner is refitted. A trial is a {@link PausedRun}: its rungs continue one run through the training loop's
 * checkpoints, so {@link #refit} gives the winner's weights bit for bit.
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
        Plan plan = plan(recipe);
        return new PausedRun(plan, plan.validation());
    }

    @Override
    public Fitted refit(Recipe recipe) {
        return fit(plan(recipe));
    }

    /** Trains {@code plan} in one go, as a trial of it trains rung by rung, and evaluates it on its test rows. */
    static Fitted fit(Plan plan) {
        GradientNorms norms = new GradientNorms();
        TrainingLoop loop = plan.loop().build();
        try (GradientStep step = PausedRun.stepOf(plan, loop)) {
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
}
