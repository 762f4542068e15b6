package org.nn4j.recipe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.recipe.CrossValidated;
import org.nn4j.recipe.CrossValidation;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.FoldResult;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingListener;

class CrossValidationScorerTest {

    private static final Table MOONS = SyntheticData.moons(150, 0.25, 5);

    @Test
    void aTrialScoresTheMeanHeldOutLossAndAccuracyOfTheFoldsThatCrossValidationTrains() {
        // float64, for which the 1e-9 below was set: in float32 the two ways' mean losses differ by about 5e-9.
        Recipe recipe = Recipe.builder().epochs(15).patience(0).precision(Precision.FLOAT64).build();
        TrialRun trial = new CrossValidationScorer(MOONS, "label", null, 5).start(recipe);
        trial.trainTo(5);
        Score score = trial.trainTo(15);

        // The same folds trained in one go by cross-validation, on the rows the holdout plan trains on.
        CrossValidated cv = new CrossValidation(recipe, 5).oneFoldAtATime()
                .run(new Estimator(recipe).plan(MOONS, "label", null));
        double loss = cv.folds().stream().mapToDouble(f -> f.scores().get("loss")).average().orElseThrow();
        double accuracy = cv.folds().stream().mapToDouble(f -> f.scores().get("accuracy")).average().orElseThrow();
        assertThat(score.loss()).isCloseTo(loss, within(1e-9));
        assertThat(score.accuracy()).isCloseTo(accuracy, within(1e-12));
        assertThat(trial.epochs()).isEqualTo(15);
        assertThat(cv.folds()).extracting(FoldResult::heldOutRows).containsOnly(24);
    }

    @Test
    void theRefitTrainsOnTheTrainingAndValidationRowsForTheMeanEpochOfTheFoldsWeights() {
        Recipe recipe = Recipe.builder().epochs(150).patience(5).learningRate(0.03).precision(Precision.FLOAT64).build();
        CrossValidationScorer scorer = new CrossValidationScorer(MOONS, "label", null, 3);
        TrialRun trial = scorer.start(recipe);
        trial.trainTo(150);

        // The folds, trained again in one go: each ends with the weights of its best epoch.
        CrossValidated cv = new CrossValidation(recipe, 3).oneFoldAtATime()
                .run(new Estimator(recipe).plan(MOONS, "label", null));
        double meanBest = cv.folds().stream().mapToInt(f -> f.training().bestEpoch()).average().orElseThrow();
        Recipe refit = scorer.refitRecipe(recipe);
        assertThat(refit.epochs()).isEqualTo((int) Math.round(meanBest)).isLessThan(150);
        assertThat(refit.validationFraction()).isZero();
        assertThat(refit.patience()).isZero();

        Fitted fitted = scorer.refit(recipe);
        Plan holdout = new Estimator(recipe).plan(MOONS, "label", null);
        assertThat(fitted.plan().validation()).isNull();
        assertThat(fitted.plan().testRows()).containsExactly(holdout.testRows());
        assertThat(fitted.plan().train().size()).isEqualTo(holdout.train().size() + holdout.validation().size());
        assertThat(fitted.result().epochs()).isEqualTo(refit.epochs());
        // The same as training that recipe directly (up to the order of the sums, which threads may change).
        Fitted direct = new Estimator(refit).fit(MOONS, "label", new TrainingListener() { });
        assertThat(fitted.test().toMap().get("loss")).isInstanceOf(Double.class);
        assertThat((Double) fitted.test().toMap().get("loss"))
                .isCloseTo((Double) direct.test().toMap().get("loss"), within(1e-9));
    }

    @Test
    void aRecipeThatNeverRanIsRefittedForItsOwnEpochs() {
        Recipe recipe = Recipe.builder().epochs(8).build();
        assertThat(new CrossValidationScorer(MOONS, "label", null, 3).refitRecipe(recipe).epochs()).isEqualTo(8);
    }

    @Test
    void tablesOfUpToTwoThousandRowsAreCrossValidatedUnaskedAndLargerOnesAreNot() {
        assertThat(CrossValidationScorer.defaultFolds(150)).isEqualTo(5);
        assertThat(CrossValidationScorer.defaultFolds(2_000)).isEqualTo(5);
        assertThat(CrossValidationScorer.defaultFolds(2_001)).isZero();
    }
}
