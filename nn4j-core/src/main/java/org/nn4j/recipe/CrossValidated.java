package org.nn4j.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link CrossValidation} found: each fold's result, in fold order, and every metric's mean and spread. */
public record CrossValidated(List<FoldResult> folds) {

    public CrossValidated {
        folds = List.copyOf(folds);
        if (folds.size() < 2) {
            throw new IllegalArgumentException("A cross-validation has 2 or more folds, got " + folds.size());
        }
    }

    /** Every metric the folds report, in their order, with its mean and sample standard deviation over the folds. */
    public List<MetricSummary> summary() {
        Map<String, List<Double>> byMetric = new LinkedHashMap<>();
        for (FoldResult fold : folds) {
            fold.scores().forEach((metric, value) -> byMetric.computeIfAbsent(metric, m -> new ArrayList<>())
                    .add(value));
        }
        List<MetricSummary> summary = new ArrayList<>();
        byMetric.forEach((metric, values) -> summary.add(MetricSummary.of(metric, values)));
        return summary;
    }

    /** The summary of one metric; an error naming those there are when it is not among them. */
    public MetricSummary summary(String metric) {
        List<MetricSummary> all = summary();
        return all.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("The folds report no metric '" + metric + "'; they report "
                        + String.join(", ", all.stream().map(MetricSummary::metric).toList())));
    }
}
