package org.nn4j.recipe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.Measurement;

class HyperparameterSearchTest {

    private static final Table MOONS = SyntheticData.moons(240, 0.2, 3);

    private static SearchResult search(Recipe base, int trials, int threads) {
        HyperparameterSearch search = new HyperparameterSearch(base, SearchSpace.DEFAULT,
                new SuccessiveHalving(2, base.epochs(), 3), trials);
        try (LocalTrialRunner runner = new LocalTrialRunner(new HoldoutScorer(MOONS, "label"), threads)) {
            return search.run(runner, rung -> { });
        }
    }

    @Test
    void theSameSeedDrawsTheSameTrialsAndAnotherSeedOthers() {
        Recipe base = Recipe.builder().epochs(12).build();
        List<Trial> once = new HyperparameterSearch(base, SearchSpace.DEFAULT, SuccessiveHalving.upTo(12), 6).trials();
        List<Trial> again = new HyperparameterSearch(base, SearchSpace.DEFAULT, SuccessiveHalving.upTo(12), 9)
                .trials();
        List<Trial> other = new HyperparameterSearch(base.toBuilder().seed(2).build(), SearchSpace.DEFAULT,
                SuccessiveHalving.upTo(12), 6).trials();
        assertThat(again.subList(0, 6)).isEqualTo(once);
        assertThat(once.get(0).recipe()).isEqualTo(base);
        // Trials 2 to 5 are the base's near variants, the same for every seed; trial 6 is the first random draw.
        assertThat(other.get(5).settings()).isNotEqualTo(once.get(5).settings());
    }

    @Test
    void theTrialsAfterTheBaseAreItsNearVariantsThenRandomDraws() {
        Recipe base = Recipe.builder().epochs(12).build();
        List<Trial> trials = new HyperparameterSearch(base, SearchSpace.DEFAULT, SuccessiveHalving.upTo(12), 8)
                .trials();
        List<Recipe> near = SearchSpace.DEFAULT.near(base);
        assertThat(trials.subList(1, 1 + near.size())).extracting(Trial::recipe).containsExactlyElementsOf(near);
        assertThat(trials.subList(1 + near.size(), 8)).extracting(Trial::recipe).doesNotContainAnyElementsOf(near);
        assertThat(new HyperparameterSearch(base, SearchSpace.DEFAULT, SuccessiveHalving.upTo(12), 3).trials())
                .extracting(Trial::recipe).containsExactly(base, near.get(0), near.get(1));
    }

    @Test
    void theRankingAndScoresAreTheSameOnOneThreadAsOnThree() {
        Recipe base = Recipe.builder().epochs(12).build();
        SearchResult one = search(base, 7, 1);
        SearchResult three = search(base, 7, 3);
        assertThat(three.ranked()).extracting(r -> r.trial().number())
                .containsExactlyElementsOf(one.ranked().stream().map(r -> r.trial().number()).toList());
        assertThat(three.ranked()).extracting(TrialResult::score)
                .containsExactlyElementsOf(one.ranked().stream().map(TrialResult::score).toList());
    }

    @Test
    void theRefittedWinnerScoresExactlyWhatItsTrialScoredAfterPausingAtEachRung() {
        Recipe base = Recipe.builder().epochs(12).patience(0).build();
        SearchResult result = search(base, 5, 2);
        TrialResult best = result.best();
        assertThat(best.epochs()).isEqualTo(12);
        Fitted refit = new HoldoutScorer(MOONS, "label").refit(best.trial().recipe());
        Measurement m = Measurement.of(refit.network(), refit.plan().validation(), refit.plan().preprocessing().task());
        assertThat(m.accuracy()).isEqualTo(best.score().accuracy());
        assertThat(m.loss()).isEqualTo(best.score().loss());
        assertThat(refit.result().epochs()).isEqualTo(12);
    }

    @Test
    void aRegressionRanksByTheValidationLossAndHasNoAccuracy() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double x = i / 60.0 - 1;
            rows.add(new String[] {Double.toString(x), Double.toString(3 * x * x + 0.1 * Math.sin(7 * i))});
        }
        Table curve = Table.of("curve", List.of("x", "y"), rows);
        Recipe base = Recipe.builder().epochs(6).build();
        HyperparameterSearch search = new HyperparameterSearch(base, SearchSpace.DEFAULT,
                new SuccessiveHalving(2, 6, 3), 4);
        SearchResult result;
        try (LocalTrialRunner runner = new LocalTrialRunner(new HoldoutScorer(curve, "y"), 2)) {
            result = search.run(runner, rung -> { });
        }
        assertThat(result.ranked()).allSatisfy(r -> assertThat(r.score().accuracy()).isNaN());
        assertThat(result.ranked().subList(0, 2)).extracting(r -> r.score().loss())
                .isSortedAccordingTo(Double::compare);
        assertThat(result.toMap().get("metric")).isEqualTo("val_loss");
    }

    @Test
    void aSearchWithoutValidationRowsIsRefusedAsItStarts() {
        Recipe base = Recipe.builder().epochs(4).validationFraction(0).build();
        assertThatThrownBy(() -> search(base, 2, 1)).hasMessage("A search scores its trials on the validation rows,"
                + " so the validation share must be above 0, got 0.0");
    }
}
