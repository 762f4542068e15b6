package org.nn4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.io.Json;
import org.nn4j.tensor.Matrix;

/**
 * ROC AUC, PR AUC and balanced accuracy against scikit-learn's {@code roc_auc_score}, {@code
 * average_precision_score} and {@code balanced_accuracy_score} on worked examples with tied scores
 * ({@code sklearn_metrics.py}).
 */
class RankingMetricsTest {

    private static final Map<String, Object> EXAMPLES = load();

    @ParameterizedTest
    @ValueSource(strings = {"binary_ties", "binary_all_tied", "binary_imbalanced", "three_classes_small",
        "three_classes_ties"})
    void areasAndBalancedAccuracyAreScikitLearns(String name) {
        Map<?, ?> example = (Map<?, ?>) EXAMPLES.get(name);
        int[] actual = ((List<?>) example.get("y")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        List<?> rows = (List<?>) example.get("scores");
        double[][] scores = new double[rows.size()][];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = ((List<?>) rows.get(r)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        boolean binary = scores[0].length == 1;
        List<String> classes = IntStream.range(0, binary ? 2 : scores[0].length).mapToObj(c -> "c" + c).toList();

        ClassificationMetrics m = ClassificationMetrics.of(binary ? Task.BINARY : Task.MULTICLASS,
                Matrix.of(scores), actual, classes);

        assertThat(m.rocAuc()).as("ROC AUC").isCloseTo(number(example, "roc_auc"), within(1e-12));
        assertThat(m.prAuc()).as("PR AUC").isCloseTo(number(example, "pr_auc"), within(1e-12));
        assertThat(m.balancedAccuracy()).as("balanced accuracy")
                .isCloseTo(number(example, "balanced_accuracy"), within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_ties", "binary_all_tied", "binary_imbalanced"})
    void areasAddedUpGroupByGroupAreScikitLearns(String name) {
        Map<?, ?> example = (Map<?, ?>) EXAMPLES.get(name);
        int[] actual = ((List<?>) example.get("y")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        double[] scores = ((List<?>) example.get("scores")).stream()
                .mapToDouble(row -> ((Number) ((List<?>) row).get(0)).doubleValue()).toArray();
        // The groups of tied scores from the highest, as a cluster streams them past after sorting.
        java.util.TreeMap<Double, long[]> groups = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (int r = 0; r < scores.length; r++) {
            groups.computeIfAbsent(scores[r], k -> new long[2])[actual[r] == 1 ? 0 : 1]++;
        }
        RankingSums sums = new RankingSums();
        groups.values().forEach(g -> sums.add(g[0], g[1]));

        assertThat(sums.rocAuc()).isCloseTo(number(example, "roc_auc"), within(1e-12));
        assertThat(sums.averagePrecision()).isCloseTo(number(example, "pr_auc"), within(1e-12));
    }

    @Test
    void metricsFromCountsTakenElsewhereEqualThoseFromTheOutputs() {
        ClassificationMetrics direct = ClassificationMetrics.of(Task.MULTICLASS,
                Matrix.of(4, 3, 0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.5, 0.3, 0.5, 0.4, 0.1), new int[] {0, 2, 1, 1},
                List.of("a", "b", "c"));
        double logLossSum = -(Math.log(0.7) + Math.log(0.6) + Math.log(0.5) + Math.log(0.4));
        ClassificationMetrics counted = ClassificationMetrics.of(ConfusionMatrix.ofCounts(List.of("a", "b", "c"),
                new long[][] {{1, 0, 0}, {1, 1, 0}, {0, 0, 1}}), logLossSum, direct.rocAuc(), direct.prAuc());
        assertThat(counted.format()).isEqualTo(direct.format());
        assertThat(counted.logLoss()).isCloseTo(direct.logLoss(), within(1e-15));
    }

    @Test
    void tiedScoresCountHalfInTheRocArea() {
        // One positive and one negative at the same score: a coin toss, whatever order a sort leaves them in.
        assertThat(RocAuc.of(new double[] {0.3, 0.3}, new boolean[] {true, false})).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {0.3, 0.3}, new boolean[] {false, true})).isEqualTo(0.5);
    }

    @Test
    void areasOfRowsOfOneClassAreUndefinedAndSaySo() {
        ClassificationMetrics m = ClassificationMetrics.of(Task.BINARY, Matrix.of(3, 1, 0.2, 0.7, 0.9),
                new int[] {1, 1, 1}, List.of("no", "yes"));
        assertThat(m.rocAuc()).isNaN();
        assertThat(m.balancedAccuracy()).as("the recall of the one class that occurs").isCloseTo(2.0 / 3,
                within(1e-15));
        assertThat(m.toMap().get("roc_auc")).isNull();
        assertThat(m.format()).contains("ROC AUC: n/a (needs rows of 2 or more classes)");
    }

    @Test
    void theReportNamesHowEachAreaWasTaken() {
        ClassificationMetrics binary = ClassificationMetrics.of(Task.BINARY, Matrix.of(4, 1, 0.2, 0.7, 0.4, 0.9),
                new int[] {0, 1, 0, 1}, List.of("no", "yes"));
        assertThat(binary.format()).contains("Balanced accuracy: 1.0000", "ROC AUC: 1.0000 (of 'yes')",
                "PR AUC: 1.0000 (average precision of 'yes')");
        ClassificationMetrics three = ClassificationMetrics.of(Task.MULTICLASS,
                Matrix.of(3, 3, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8), new int[] {0, 1, 2},
                List.of("a", "b", "c"));
        assertThat(three.format()).contains("ROC AUC: 1.0000 (one-vs-rest macro)",
                "PR AUC: 1.0000 (average precision, one-vs-rest macro)");
    }

    private static double number(Map<?, ?> example, String key) {
        return ((Number) example.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = RankingMetricsTest.class.getResourceAsStream("sklearn-metrics.json")) {
            Map<String, Object> root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            return (Map<String, Object>) root.get("examples");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
