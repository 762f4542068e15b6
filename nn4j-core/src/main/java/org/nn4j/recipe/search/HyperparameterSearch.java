package org.nn4j.recipe.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.nn4j.random.RandomSource;
import org.nn4j.recipe.Recipe;

/**
 * Random search with successive halving: takes trial recipes from a {@link SearchSpace} (first the variants next to
 * the base recipe, then random draws), trains them all for the
 * first rung's epochs, and continues the best of each rung to the next ({@link SuccessiveHalving}), with early
 * stopping inside every trial as its recipe says. Trial 1 is the base recipe itself (nn4j's defaults, or the
 * user's own settings), and the baseline: it goes on to every rung whatever its rank, so the winner is never worse
 * than it on the scored rows. Short first rungs favour settings that learn fast; the baseline, trained to the end,
 * keeps a slow but good recipe in the race.
 *
 * <pre>{@code
 * Recipe base = Recipe.defaults();
 * HyperparameterSearch search = new HyperparameterSearch(base, SearchSpace.DEFAULT,
 *         SuccessiveHalving.upTo(base.epochs()), 20);
 * TrialScorer scorer = new HoldoutScorer(table, "species");
 * try (LocalTrialRunner runner = new LocalTrialRunner(scorer, Runtime.getRuntime().availableProcessors())) {
 *     SearchResult result = search.run(runner, rung -> { });
 *     Fitted best = scorer.refit(result.best().trial().recipe());
 * }
 * }</pre>
 *
 * <p>Each trial's settings are drawn from a generator seeded by the base recipe's seed and the trial's number, and
 * every trial trains with the base recipe's seed (the same split, the same shuffling), so the same seed gives the
 * same trials, the same ranking and the same winner, on any number of threads.
 */
public final class HyperparameterSearch {

    private final Recipe base;
    private final SearchSpace space;
    private final SuccessiveHalving halving;
    private final List<Trial> trials;

    /** A search of {@code count} trials around {@code base}, over {@code space}, with {@code halving}'s rungs. */
    public HyperparameterSearch(Recipe base, SearchSpace space, SuccessiveHalving halving, int count) {
        this.base = Objects.requireNonNull(base, "base");
        this.space = Objects.requireNonNull(space, "space");
        this.halving = Objects.requireNonNull(halving, "halving");
        if (count < 1) {
            throw new IllegalArgumentException("A search needs 1 or more trials, got " + count);
        }
        if (halving.maxEpochs() != base.epochs()) {
            throw new IllegalArgumentException("The last rung (" + halving.maxEpochs() + " epochs) must be the"
                    + " recipe's epochs (" + base.epochs() + ")");
        }
        List<Trial> drawn = new ArrayList<>();
        drawn.add(new Trial(1, base));
        for (Recipe near : space.near(base)) {
            if (drawn.size() < count) {
                drawn.add(new Trial(drawn.size() + 1, near));
            }
        }
        for (int number = drawn.size() + 1; number <= count; number++) {
            drawn.add(new Trial(number, space.sample(base, RandomSource.seeded(trialSeed(base.seed(), number)))));
        }
        this.trials = List.copyOf(drawn);
    }

    /** A seed of its own for each trial's draw, so that trial k is the same whatever the number of trials. */
    static long trialSeed(long seed, int number) {
        return seed * 0x9E3779B97F4A7C15L + number;
    }

    public List<Trial> trials() {
        return trials;
    }

    public SuccessiveHalving halving() {
        return halving;
    }

    public SearchSpace space() {
        return space;
    }

    /** Runs the rungs on {@code runner}, telling {@code onRung} after each, and ranks every trial. */
    public SearchResult run(TrialRunner runner, Consumer<Rung> onRung) {
        List<Integer> budgets = halving.rungs();
        List<Trial> alive = trials;
        List<Rung> rungs = new ArrayList<>();
        List<TrialResult> latest = new ArrayList<>();
        for (int r = 0; r < budgets.size() && !alive.isEmpty(); r++) {
            List<TrialResult> ranked = new ArrayList<>(runner.trainTo(alive, budgets.get(r)));
            ranked.sort(BEST_FIRST);
            boolean last = r == budgets.size() - 1;
            List<TrialResult> advancing = last ? List.of() : withBaseline(halving.advancing(ranked), ranked);
            Rung rung = new Rung(r + 1, budgets.get(r), ranked, advancing.size());
            rungs.add(rung);
            onRung.accept(rung);
            // The trials that stop here are ranked below every trial that goes on, in the order of this rung.
            latest.addAll(0, ranked.stream().filter(t -> !advancing.contains(t)).toList());
            alive = advancing.stream().map(TrialResult::trial).toList();
        }
        return new SearchResult(latest, rungs, halving);
    }

    /** {@code advancing}, with the baseline (trial 1) added from {@code ranked} when it is not among them. */
    private static List<TrialResult> withBaseline(List<TrialResult> advancing, List<TrialResult> ranked) {
        if (advancing.stream().anyMatch(t -> t.trial().number() == 1)) {
            return advancing;
        }
        List<TrialResult> with = new ArrayList<>(advancing);
        ranked.stream().filter(t -> t.trial().number() == 1).forEach(with::add);
        return with;
    }

    /** Best score first; equal scores in the order of the trials' numbers. */
    static final Comparator<TrialResult> BEST_FIRST = Comparator.comparing(TrialResult::score, Score.BEST_FIRST)
            .thenComparingInt(t -> t.trial().number());
}
