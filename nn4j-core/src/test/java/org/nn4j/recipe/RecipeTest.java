package org.nn4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nn4j.data.PublicDataset;
import org.nn4j.grad.GradientMethod;
import org.nn4j.optim.LineSearch;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingListener;

class RecipeTest {

    @Test
    void theDefaultsAreARecipe() {
        assertThat(Recipe.defaults().hidden()).containsExactly(64);
        assertThat(Recipe.builder().build()).isEqualTo(Recipe.defaults());
    }

    @Test
    void backpropagationTrainsInFloat32AndTheNumericalMethodsInFloat64UnlessAPrecisionIsGiven() {
        assertThat(Recipe.defaults().storage()).isEqualTo(Precision.FLOAT32);
        assertThat(Recipe.builder().method(GradientMethod.NUMERICAL).build().storage()).isEqualTo(Precision.FLOAT64);
        assertThat(Recipe.builder().method(GradientMethod.CENTRAL).build().storage()).isEqualTo(Precision.FLOAT64);
        assertThat(Recipe.builder().precision(Precision.FLOAT64).build().storage()).isEqualTo(Precision.FLOAT64);
        assertThat(Recipe.builder().method(GradientMethod.CENTRAL).precision(Precision.FLOAT32).build().storage())
                .isEqualTo(Precision.FLOAT32);
    }

    @Test
    void theRecipesNetworkIsStoredInTheRecipesPrecision() {
        Plan plan = new Estimator(Recipe.defaults()).plan(PublicDataset.byName("iris").orElseThrow().table(),
                "species", null);
        assertThat(Recipe.defaults().network(plan.preprocessing()).precision()).isEqualTo(Precision.FLOAT32);
        assertThat(Recipe.builder().precision(Precision.FLOAT64).build().network(plan.preprocessing()).precision())
                .isEqualTo(Precision.FLOAT64);
    }

    @Test
    void aNegativeOrNonFiniteRegularisationSettingIsRefusedWhenTheRecipeIsBuilt() {
        assertThatThrownBy(() -> Recipe.builder().l2(-1).build()).hasMessage(
                "The L2 penalty must be 0 or a positive number, got -1.0");
        assertThatThrownBy(() -> Recipe.builder().l2(Double.NaN).build()).hasMessageContaining("L2 penalty");
        assertThatThrownBy(() -> Recipe.builder().clipNorm(-1).build()).hasMessage(
                "The gradient norm limit must be 0 or a positive number, got -1.0");
        assertThatThrownBy(() -> Recipe.builder().weightDecay(-1.0).build()).hasMessage(
                "The weight decay must be 0 or a positive number, got -1.0");
        assertThatThrownBy(() -> Recipe.builder().optimizer("adamw").weightDecay(-0.5).build())
                .hasMessageContaining("weight decay");
    }

    @Test
    void aMomentumOutsideZeroToOneIsRefusedWhateverTheOptimizer() {
        assertThatThrownBy(() -> Recipe.builder().momentum(-1).build()).hasMessage(
                "The momentum must be at least 0 and below 1, got -1.0");
        assertThatThrownBy(() -> Recipe.builder().optimizer("nesterov").momentum(1.5).build())
                .hasMessageContaining("momentum");
        assertThat(Recipe.builder().optimizer("momentum").momentum(0.5).build().newOptimizer().name())
                .contains("momentum=0.5");
    }

    @Test
    void earlyStoppingWatchesOnlyAMetricTheLoopMeasures() {
        assertThatThrownBy(() -> Recipe.builder().monitor("bogus").build()).hasMessage(
                "Early stopping watches one of val_loss, val_accuracy, loss, accuracy, got 'bogus'");
        for (String metric : Recipe.MONITORED) {
            assertThat(Recipe.builder().monitor(metric).build().monitored(true)).isEqualTo(metric);
        }
    }

    @Test
    void lbfgsTrainsOnOneBatchOfAllTrainingRowsWithItsHistoryAndLineSearch() {
        Recipe recipe = Recipe.builder().optimizer("lbfgs").lbfgsHistory(10).lineSearch(LineSearch.STRONG_WOLFE)
                .hidden(8).epochs(5).patience(0).build();
        Plan plan = new Estimator(recipe).plan(PublicDataset.byName("iris").orElseThrow().table(), "species", null);
        var settings = plan.loop().build().describe();
        assertThat(settings).containsEntry("batch_size", plan.train().size() + " (full batch)")
                .containsEntry("optimizer", "lbfgs(lr=1, max_iter=20, history_size=10, line_search=strong_wolfe)");
        Fitted fitted = new Estimator(recipe).fit(PublicDataset.byName("iris").orElseThrow().table(), "species",
                TrainingListener.NONE);
        assertThat(fitted.result().history()).hasSize(5);
        assertThat(fitted.result().last().get("val_accuracy")).isGreaterThan(0.9);
    }

    @Test
    void lbfgsRefusesWhatItCannotDoBeforeAnyDataAreRead() {
        assertThatThrownBy(() -> Recipe.builder().optimizer("lbfgs").weightDecay(0.1).build()).hasMessage(
                "lbfgs has no weight decay; use the L2 penalty (--l2) instead");
        assertThatThrownBy(() -> Recipe.builder().optimizer("lbfgs").dropout(0.2).build())
                .hasMessageContaining("leave out the dropout rate 0.2");
        assertThatThrownBy(() -> Recipe.builder().optimizer("lbfgs").clipNorm(1).build())
                .hasMessageContaining("leave out the gradient norm limit 1.0");
        assertThatThrownBy(() -> Recipe.builder().lbfgsHistory(0).build()).hasMessage(
                "The L-BFGS history must keep 1 or more pairs, got 0");
    }
}
