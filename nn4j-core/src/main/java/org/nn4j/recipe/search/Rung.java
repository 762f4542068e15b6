package org.nn4j.recipe.search;

import java.util.List;

/**
 * One rung of a search, done: its epoch budget, its trials ranked best first, and how many of them go on.
 *
 * @param number the rung's number, from 1
 * @param epochs the epochs its trials trained to
 * @param ranked its trials' results, best first
 * @param advancing how many of the first of {@code ranked} go on to the next rung (0 after the last)
 */
public record Rung(int number, int epochs, List<TrialResult> ranked, int advancing) {

    public Rung {
        ranked = List.copyOf(ranked);
    }
}
