package org.nn4j.recipe.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nn4j.io.Json;

/**
 * What a search found: every trial ranked (the trials of the last rung first, best first, then those that stopped
 * at each earlier rung), and the rungs as they went.
 *
 * @param ranked every trial's latest result, best first
 * @param rungs the rungs in order
 * @param halving the rungs' plan
 */
public record SearchResult(List<TrialResult> ranked, List<Rung> rungs, SuccessiveHalving halving) {

    public SearchResult {
        ranked = List.copyOf(ranked);
        rungs = List.copyOf(rungs);
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("A search result needs at least one trial");
        }
    }

    /** The winner. */
    public TrialResult best() {
        return ranked.get(0);
    }

    /** The result as a JSON-ready map: the rungs' plan, then every trial ranked, with its rank. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("trials", ranked.size());
        map.put("rungs", halving.rungs());
        map.put("eta", halving.eta());
        map.put("metric", Score.METRIC);
        List<Object> trials = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Map<String, Object> trial = new LinkedHashMap<>();
            trial.put("rank", i + 1);
            trial.putAll(ranked.get(i).toMap());
            trials.add(trial);
        }
        map.put("results", trials);
        return map;
    }

    /**
     * What the model file's training record adds for the winner: that it came from a search, its trial and settings,
     * its validation score, and the search's size and rungs.
     */
    public Map<String, String> trainingRecord() {
        TrialResult best = best();
        Map<String, String> record = new LinkedHashMap<>();
        record.put("trained_by", "nn4j tune");
        record.put("tune_trial", Integer.toString(best.trial().number()));
        record.put("tune_settings", Json.write(best.trial().settings()));
        record.put("tune_" + Score.METRIC, String.format(Locale.ROOT, "%.6f", best.score().loss()));
        record.put("tune_trials", Integer.toString(ranked.size()));
        record.put("tune_rungs", halving.rungs() + " epochs, eta " + halving.eta());
        return record;
    }
}
