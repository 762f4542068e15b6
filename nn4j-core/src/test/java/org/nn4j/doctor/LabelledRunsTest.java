package org.nn4j.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.data.LogicGates;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Recipe;
import org.nn4j.recipe.RecipeBuilder;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.XorResult;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;

/**
 * Real training runs, seeded and short (well under a second each), each set up to have one known problem or none:
 * the doctor must name that problem and nothing else.
 */
class LabelledRunsTest {

    private static List<Diagnosis.Kind> diagnose(Table table, RecipeBuilder recipe) {
        Fitted fitted = new Estimator(recipe.build()).fit(table, "label", TrainingListener.NONE);
        return fitted.diagnoses().stream().map(Diagnosis::kind).toList();
    }

    private static Table spirals(long seed) {
        return SyntheticData.spirals(600, 3, 0.1, seed);
    }

    @Test
    void healthySpiralsRunsGetNoFinding() {
        // Each fits its training rows; before the floors, seed 2 was "overfitting" (validation loss 0.0325 to
        // 0.0593 at 99.2% test accuracy) and the run at lr 0.05 had "dead units" at 100% test accuracy.
        assertThat(diagnose(spirals(1), Recipe.builder().hidden(64, 64).learningRate(0.01).patience(0).epochs(150)
                .seed(1))).isEmpty();
        assertThat(diagnose(spirals(2), Recipe.builder().hidden(64, 64).learningRate(0.01).patience(0).epochs(150)
                .seed(2))).isEmpty();
        assertThat(diagnose(spirals(1), Recipe.builder().hidden(64, 64).learningRate(0.05).patience(0).epochs(150)
                .seed(1))).isEmpty();
    }

    @Test
    void aHugeLearningRateIsTooHighAndNotOverfitting() {
        // tanh keeps the units alive, so that the jumping loss is the one problem. A step this large is chaotic,
        // so the run is pinned to the float64 trajectory this label was read from.
        assertThat(diagnose(SyntheticData.moons(300, 0.1, 1), Recipe.builder().activation("tanh")
                .learningRate(100.0).epochs(40).precision(Precision.FLOAT64))).containsExactly(Diagnosis.Kind.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void aTinyLearningRateIsTooLow() {
        assertThat(diagnose(SyntheticData.moons(300, 0.1, 1), Recipe.builder().optimizer("sgd").learningRate(3e-5)
                .epochs(30))).containsExactly(Diagnosis.Kind.LEARNING_RATE_TOO_LOW);
    }

    @Test
    void theTutorialsSeedOneLosesAHiddenUnit() {
        XorSettings settings = XorSettings.tutorial().withSeed(1);
        XorResult run = XorTraining.train(settings, TrainingListener.NONE);
        List<Diagnosis> found = TrainingDoctor.examine(run.network(), LogicGates.xor().inputs(),
                run.history().series("loss"), List.of(), List.of(), false, new RunSettings("sgd",
                        settings.learningRate(), "relu", settings.initializer().name(), 0, 0, 0));
        assertThat(found).extracting(Diagnosis::kind).containsExactly(Diagnosis.Kind.DEAD_UNITS);
    }

    @Test
    void aLargeNetworkOnFewNoisyRowsOverfits() {
        assertThat(diagnose(SyntheticData.moons(80, 0.35, 1), Recipe.builder().hidden(32, 32).learningRate(0.02)
                .patience(0).epochs(100).validationFraction(0.3))).containsExactly(Diagnosis.Kind.OVERFITTING);
    }

    @Test
    void aLinearModelOnCirclesPlateaus() {
        // No hidden layer cannot separate a ring from its centre; full batches make the flat loss exactly flat.
        assertThat(diagnose(SyntheticData.circles(300, 0.05, 1), Recipe.builder().hidden().learningRate(0.05)
                .batch(300).patience(0).epochs(100))).containsExactly(Diagnosis.Kind.PLATEAU);
    }

    @Test
    void plainSgdWithALargeStepOnARegressionExplodes() {
        assertThat(diagnose(SyntheticData.moons(300, 0.1, 1), Recipe.builder().task("regression").optimizer("sgd")
                .learningRate(0.1).epochs(30)))
                .containsExactlyInAnyOrder(Diagnosis.Kind.EXPLODING_GRADIENTS, Diagnosis.Kind.DIVERGING_LOSS);
    }
}
