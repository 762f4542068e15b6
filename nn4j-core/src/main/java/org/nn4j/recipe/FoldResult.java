package org.nn4j.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nn4j.metrics.Evaluation;
import org.nn4j.train.FitResult;

/**
 * One fold of a {@link CrossValidation}: how many rows it trained on, validated on (for early stopping) and scored,
 * what training did, and the scores on its held-out rows.
 *
 * @param fold the fold's number, from 1
 * @param scores every metric of the held-out rows by name ({@code accuracy}, {@code loss}, {@code macro_f1}, … for
 *     a classifier; {@code mse}, {@code mae}, {@code r2} for a regression), in the order the evaluation lists them
 */
public record FoldResult(int fold, int trainingRows, int validationRows, int heldOutRows, FitResult training,
        Map<String, Double> scores) {

    public FoldResult {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /**
     * The numbers among an evaluation's metrics, but the sample count; a regression's {@code loss} is left out, as
     * it is its MSE under another name.
     */
    static Map<String, Double> scoresOf(Evaluation evaluation) {
        Map<String, Object> all = evaluation.toMap();
        boolean regression = "regression".equals(all.get("task"));
        Map<String, Double> scores = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (value instanceof Number number && !name.equals("samples") && !(regression && name.equals("loss"))) {
                scores.put(name, number.doubleValue());
            }
        });
        return scores;
    }
}
