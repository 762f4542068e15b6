package org.nn4j.recipe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.assertj.core.data.Offset;
import org.nn4j.optim.Optimizers;
import org.nn4j.random.RandomSource;
import org.nn4j.recipe.Recipe;

class SearchSpaceTest {

    @Test
    void theVariantsNearTheDefaultsAreWiderPenalisedBothAndFaster() {
        Recipe base = Recipe.defaults();
        List<Recipe> near = SearchSpace.DEFAULT.near(base);
        assertThat(near).containsExactly(base.toBuilder().hidden(128).build(), base.toBuilder().l2(1e-4).build(),
                base.toBuilder().hidden(128).l2(1e-4).build(), base.toBuilder().learningRate(0.003).build());
    }

    @Test
    void aBaseWithAPenaltyAndNoHiddenLayersGetsTenTimesItsPenaltyAndNoCopyOfItself() {
        Recipe base = Recipe.builder().hidden(List.of()).l2(1e-3).optimizer("nesterov").learningRate(0.05).build();
        List<Recipe> near = SearchSpace.DEFAULT.near(base);
        // Twice no units is no units: "wider" is the base itself, and "wider with L2" is "L2".
        assertThat(near).hasSize(2);
        assertThat(near.get(0).l2()).isEqualTo(1e-2, Offset.offset(1e-15));
        assertThat(near.get(1).learningRate()).isEqualTo(0.15, Offset.offset(1e-15));
        assertThat(near).doesNotContain(base);
    }

    @Test
    void eachRandomTrialsLearningRateIsOnItsOptimizersOwnScale() {
        for (int seed = 1; seed <= 200; seed++) {
            Recipe trial = SearchSpace.DEFAULT.sample(Recipe.defaults(), RandomSource.seeded(seed));
            double scale = trial.learningRate() / Optimizers.defaultLearningRate(trial.optimizer());
            assertThat(scale).as("seed %d, %s at %s", seed, trial.optimizer(), trial.learningRate())
                    .isBetween(0.1, 10.0);
        }
    }
}
