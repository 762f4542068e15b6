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
import org.nn4j.recipe.Recipe;
import org.nn4j.tensor.Precision;

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
    void theRefitTrainsOnTheWholeSplitAsTheHoldoutScorerDoes() {
        Recipe recipe = Recipe.builder().epochs(8).build();
        double viaFolds = new CrossValidationScorer(MOONS, "label", null, 3).refit(recipe).test().toMap()
                .get("loss") instanceof Number n ? n.doubleValue() : Double.NaN;
        double viaHoldout = new HoldoutScorer(MOONS, "label").refit(recipe).test().toMap()
                .get("loss") instanceof Number n ? n.doubleValue() : Double.NaN;
        assertThat(viaFolds).isEqualTo(viaHoldout).isNotNaN();
    }
}
