package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nn4j.recipe.CrossValidated;
import org.nn4j.recipe.FoldResult;
import org.nn4j.recipe.MetricSummary;

/**
 * How {@code nn4j train --folds K} shows a cross-validation: one line per fold and every metric's mean ± sample
 * standard deviation for a terminal, the same as one JSON-ready map, and as entries of the model file's training
 * record.
 */
final class FoldsReport {

    /** What the spread is, said wherever it is shown. */
    static final String SPREAD = "sample standard deviation, k − 1";

    private FoldsReport() {
    }

    /** A line per fold, then a line per metric: {@code accuracy  0.9583 ± 0.0295}. */
    static void print(PrintWriter out, CrossValidated cv) {
        int k = cv.folds().size();
        for (FoldResult fold : cv.folds()) {
            out.printf(Locale.ROOT, "Fold %d/%d: %d training, %d validation, %d held-out rows, %d epochs  %s%n",
                    fold.fold(), k, fold.trainingRows(), fold.validationRows(), fold.heldOutRows(),
                    fold.training().epochs(), fold.scores().entrySet().stream()
                            .map(e -> e.getKey() + " " + MetricText.of(e.getValue()))
                            .collect(Collectors.joining("  ")));
        }
        List<MetricSummary> summary = cv.summary();
        int width = summary.stream().mapToInt(s -> s.metric().length()).max().orElse(0);
        out.printf("Over the %d folds (mean ± %s):%n", k, SPREAD);
        for (MetricSummary s : summary) {
            out.printf("  %-" + width + "s  %s ± %s%n", s.metric(), MetricText.of(s.mean()),
                    MetricText.of(s.standardDeviation()));
        }
    }

    /** {@code folds}: each fold's rows, training and scores; {@code summary}: each metric's mean and spread. */
    static Map<String, Object> json(CrossValidated cv) {
        List<Object> folds = new ArrayList<>();
        for (FoldResult fold : cv.folds()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("fold", fold.fold());
            one.put("training_rows", fold.trainingRows());
            one.put("validation_rows", fold.validationRows());
            one.put("held_out_rows", fold.heldOutRows());
            one.put("epochs", fold.training().epochs());
            one.put("best_epoch", fold.training().bestEpoch());
            one.put("stop_reason", fold.training().stopReason());
            one.put("scores", new LinkedHashMap<>(fold.scores()));
            folds.add(one);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (MetricSummary s : cv.summary()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("mean", s.mean());
            one.put("sd", s.standardDeviation());
            summary.put(s.metric(), one);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("folds", folds);
        map.put("summary", summary);
        map.put("sd", SPREAD);
        return map;
    }

    /** {@code cv_accuracy: 0.950000 ± 0.0204124 (folds 0.958333, …)}, one entry per metric, for the model file. */
    static Map<String, String> record(CrossValidated cv) {
        Map<String, String> record = new LinkedHashMap<>();
        for (MetricSummary s : cv.summary()) {
            String folds = cv.folds().stream().map(f -> number(f.scores().get(s.metric())))
                    .collect(Collectors.joining(", "));
            record.put("cv_" + s.metric(), number(s.mean()) + " ± " + number(s.standardDeviation()) + " (folds "
                    + folds + ")");
        }
        return record;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
