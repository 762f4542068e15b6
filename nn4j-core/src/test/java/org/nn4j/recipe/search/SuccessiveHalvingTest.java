package org.nn4j.recipe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.FitResult;

class SuccessiveHalvingTest {

    @Test
    void theDefaultRungsGrowByEtaFromTenEpochsAndEndAtTheRecipesEpochs() {
        SuccessiveHalving halving = SuccessiveHalving.upTo(200);
        assertThat(halving.rungs()).containsExactly(10, 30, 90, 200);
        assertThat(new SuccessiveHalving(5, 40, 2).rungs()).containsExactly(5, 10, 20, 40);
        assertThat(new SuccessiveHalving(10, 10, 3).rungs()).containsExactly(10);
        assertThat(SuccessiveHalving.upTo(4).rungs()).containsExactly(4);
    }

    @Test
    void eachRungKeepsTheBestThirdRoundedUp() {
        SuccessiveHalving halving = new SuccessiveHalving(1, 27, 3);
        assertThat(halving.survivors(20)).isEqualTo(7);
        assertThat(halving.survivors(7)).isEqualTo(3);
        assertThat(halving.survivors(3)).isEqualTo(1);
        assertThat(halving.survivors(1)).isEqualTo(1);
        assertThat(halving.advancing(List.of("a", "b", "c", "d"))).containsExactly("a", "b");
    }

    @Test
    void settingsThatCannotMakeRungsAreRefused() {
        assertThatThrownBy(() -> new SuccessiveHalving(0, 10, 3)).hasMessage(
                "The first rung needs 1 or more epochs, got 0");
        assertThatThrownBy(() -> new SuccessiveHalving(20, 10, 3)).hasMessage(
                "The most epochs (10) must be at least the first rung's (20)");
        assertThatThrownBy(() -> new SuccessiveHalving(1, 10, 1)).hasMessageContaining("eta must be 2 or more");
    }

    /** A runner whose trials score by a fixed table, so that which trials advance can be worked out by hand. */
    @Test
    void theBestOfEachRungAndTheBaselineTrainOnAndNoOtherTrial() {
        // The loss per trial number, chosen so that the order differs from the numbering.
        Map<Integer, Double> loss = Map.of(1, 0.5, 2, 0.2, 3, 0.9, 4, 0.4, 5, 0.1, 6, 0.7, 7, 0.3);
        List<String> calls = new ArrayList<>();
        TrialRunner runner = (trials, epochs) -> {
            calls.add(epochs + ":" + trials.stream().map(t -> String.valueOf(t.number())).toList());
            return trials.stream().map(t -> new TrialResult(t, Score.loss(loss.get(t.number())), epochs,
                    FitResult.INTERRUPTED, 0.0)).toList();
        };
        Recipe base = Recipe.builder().epochs(9).build();
        HyperparameterSearch search = new HyperparameterSearch(base, SearchSpace.DEFAULT,
                new SuccessiveHalving(1, 9, 3), 7);
        List<Rung> rungs = new ArrayList<>();
        SearchResult result = search.run(runner, rungs::add);

        // Ranked 5, 2, 7, 4, 1, 6, 3: the first ⌈7/3⌉ = 3 go on, and the baseline, trial 1, ranked fifth. Then
        // 5, 2, 7, 1: the first ⌈4/3⌉ = 2 and the baseline.
        assertThat(calls).containsExactly("1:[1, 2, 3, 4, 5, 6, 7]", "3:[5, 2, 7, 1]", "9:[5, 2, 1]");
        assertThat(rungs).extracting(Rung::advancing).containsExactly(4, 3, 0);
        assertThat(result.ranked()).extracting(r -> r.trial().number()).containsExactly(5, 2, 1, 7, 4, 6, 3);
        assertThat(result.ranked()).extracting(TrialResult::epochs).containsExactly(9, 9, 9, 3, 1, 1, 1);
        assertThat(result.best().trial().number()).isEqualTo(5);
    }

    @Test
    void aDivergedTrialRanksLastAndEqualScoresKeepTheTrialsOrder() {
        Trial one = new Trial(1, Recipe.defaults());
        Trial two = new Trial(2, Recipe.defaults());
        Trial three = new Trial(3, Recipe.defaults());
        List<TrialResult> results = new ArrayList<>(List.of(
                new TrialResult(one, Score.loss(Double.NaN), 1, FitResult.DIVERGED, 0),
                new TrialResult(three, Score.loss(0.5), 1, FitResult.COMPLETED, 0),
                new TrialResult(two, Score.loss(0.5), 1, FitResult.COMPLETED, 0)));
        results.sort(HyperparameterSearch.BEST_FIRST);
        assertThat(results).extracting(r -> r.trial().number()).containsExactly(2, 3, 1);
    }
}
