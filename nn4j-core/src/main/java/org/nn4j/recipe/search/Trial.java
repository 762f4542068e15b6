package org.nn4j.recipe.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.nn4j.optim.Optimizers;
import org.nn4j.recipe.Recipe;

/**
 * One candidate of a search: its number (from 1) and the recipe it trains.
 *
 * @param number the trial's number, from 1; trial 1 is the base recipe itself
 * @param recipe the recipe with the trial's settings
 */
public record Trial(int number, Recipe recipe) {

    /**
     * The settings a search varies, as the command line names them: lr, hidden, activation, dropout, l2, batch,
     * optimizer, init (the learning rate and initialiser as they take effect when the recipe leaves them unset).
     */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lr", recipe.learningRate() != null ? recipe.learningRate()
                : Optimizers.defaultLearningRate(recipe.optimizer()));
        settings.put("hidden", recipe.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
        settings.put("activation", recipe.activation());
        settings.put("dropout", recipe.dropout());
        settings.put("l2", recipe.l2());
        settings.put("batch", recipe.batch());
        settings.put("optimizer", recipe.optimizer());
        settings.put("init", recipe.initializer());
        return settings;
    }
}
