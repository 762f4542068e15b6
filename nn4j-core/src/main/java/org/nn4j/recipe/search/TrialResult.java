package org.nn4j.recipe.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trial stands after a rung.
 *
 * @param trial the trial
 * @param score its score after its latest rung
 * @param epochs the epochs it trained in all
 * @param stopReason {@code interrupted} when paused at a rung, else how its training ended
 * @param seconds the time its training took in all, summed over its rungs
 */
public record TrialResult(Trial trial, Score score, int epochs, String stopReason, double seconds) {

    /** The result as a JSON-ready map: trial, settings, score, loss, epochs, stop reason, seconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("trial", trial.number());
        map.put("settings", trial.settings());
        // JSON has no NaN: a trial that diverged has no score.
        map.put(Score.METRIC, Double.isFinite(score.loss()) ? score.loss() : null);
        if (!Double.isNaN(score.accuracy())) {
            map.put("val_accuracy", score.accuracy());
        }
        map.put("epochs", epochs);
        map.put("stop_reason", stopReason);
        map.put("seconds", seconds);
        return map;
    }
}
