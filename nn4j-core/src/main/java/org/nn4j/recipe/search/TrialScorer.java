package org.nn4j.recipe.search;

import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Recipe;

/**
 * How a search trains and scores a trial's recipe, and refits the winner: on one split's validation rows
 * ({@link HoldoutScorer}), or on cross-validation folds. The search itself only ranks the scores.
 */
public interface TrialScorer {

    /** A trial ready to train, nothing trained yet; it trains on the thread that calls its methods. */
    TrialRun start(Recipe recipe);

    /** The winner trained for keeps, as its trials were scored, and evaluated on the test rows. */
    Fitted refit(Recipe recipe);

    /** The recipe {@link #refit} trains for a trial's {@code recipe}: the same one, unless the scorer says why not. */
    default Recipe refitRecipe(Recipe recipe) {
        return recipe;
    }
}
