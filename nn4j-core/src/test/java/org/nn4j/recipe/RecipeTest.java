package org.nn4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecipeTest {

    @Test
    void theDefaultsAreARecipe() {
        assertThat(Recipe.defaults().hidden()).containsExactly(64);
        assertThat(Recipe.builder().build()).isEqualTo(Recipe.defaults());
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
}
