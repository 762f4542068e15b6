package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;

/** {@code nn4j train --folds K}: cross-validation before the final model, through the real command line. */
class TrainFoldsTest {

    /** Short runs: the folds' numbers, not their quality, are what these tests check. */
    private static final String[] QUICK = {"--epochs", "30", "--hidden", "8", "--lr", "0.01"};

    @TempDir
    Path folder;

    private static CliRun train(String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "iris"));
        args.addAll(List.of(QUICK));
        args.addAll(List.of(options));
        return CliRun.of("", args.toArray(String[]::new));
    }

    @Test
    void printsALinePerFoldAndEachMetricsMeanAndSampleSpreadBeforeTheFinalModelsTestScore() {
        CliRun run = train("--folds", "3", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 150 rows less 30 for the test: 120 rows, 40 of each class; 40 per fold. The other folds' 80 rows hold 26 or
        // 27 of each class, of which round(2.6) = round(2.7) = 3 go to validation: 9, and 71 to training.
        assertThat(run.out()).contains("Cross-validation (3 folds, stratified, seed 1) on the 120 training and"
                + " validation rows, the test rows kept out;");
        Matcher fold = Pattern.compile("Fold (\\d)/3: 71 training, 9 validation, 40 held-out rows, \\d+ epochs"
                + "  accuracy ([0-9.]+)  loss ([0-9.]+)  macro_f1 ([0-9.]+)").matcher(run.out());
        List<Double> accuracies = new ArrayList<>();
        while (fold.find()) {
            accuracies.add(Double.parseDouble(fold.group(2)));
        }
        assertThat(accuracies).hasSize(3);
        Matcher summary = Pattern.compile("Over the 3 folds \\(mean ± sample standard deviation, k − 1\\):\\R"
                + "  accuracy +([0-9.]+) ± ([0-9.]+)\\R  loss +[0-9.]+ ± [0-9.]+\\R  macro_f1 +[0-9.]+ ± [0-9.]+")
                .matcher(run.out());
        assertThat(summary.find()).as(run.out()).isTrue();
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        // The printed fold accuracies are rounded to 4 decimals.
        assertThat(Double.parseDouble(summary.group(1))).isCloseTo(mean, within(2e-4));
        assertThat(Double.parseDouble(summary.group(2))).isCloseTo(Math.sqrt(squares / 2), within(3e-4));
        assertThat(run.out()).contains("Now the final model, on the same 120 rows (105 training, 15 validation)");
        assertThat(run.out().indexOf("Test set (30 rows):")).isGreaterThan(run.out().indexOf("Over the 3 folds"));
    }

    @Test
    void jsonIsOneObjectWithTheFoldsTheirSummaryAndTheTestAndTheModelFileKeepsTheSummary() {
        Path model = folder.resolve("iris.nn4j");
        CliRun run = train("--folds", "4", "--json", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) Json.parse(run.out().strip());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> folds = (List<Map<String, Object>>) object.get("folds");
        assertThat(folds).hasSize(4);
        double sum = 0;
        for (Map<String, Object> fold : folds) {
            assertThat(fold.get("held_out_rows")).isEqualTo(30L);
            sum += ((Number) ((Map<?, ?>) fold.get("scores")).get("accuracy")).doubleValue();
        }
        Map<?, ?> accuracy = (Map<?, ?>) ((Map<?, ?>) object.get("summary")).get("accuracy");
        assertThat(((Number) accuracy.get("mean")).doubleValue()).isCloseTo(sum / 4, within(1e-12));
        assertThat(object.get("sd")).isEqualTo("sample standard deviation, k − 1");
        assertThat(((Map<?, ?>) object.get("test")).get("samples")).isEqualTo(30L);
        assertThat(object.get("saved")).isEqualTo(model.toString());

        CliRun summary = CliRun.of("", "summary", model.toString());
        assertThat(summary.out()).containsPattern("cv_accuracy +[0-9.]+ ± [0-9.]+ \\(folds [0-9.]+, [0-9.]+,"
                + " [0-9.]+, [0-9.]+\\)");
    }

    @Test
    void withTestDataEveryRowOfTheDataIsCrossValidated() {
        Path iris = TrainCommandTest.IRIS;
        CliRun run = CliRun.of("", "train", "--data", iris.toString(), "--label", "species", "--test-data",
                iris.toString(), "--folds", "5", "--quiet", "--epochs", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("on the 150 training and validation rows, the test rows from " + iris + ";");
        assertThat(run.out()).contains("Fold 5/5: 108 training, 12 validation, 30 held-out rows");
    }

    @Test
    void refusesTooFewFoldsJsonWithoutFoldsAndFoldsOnSparkBeforeReadingData() {
        CliRun one = CliRun.of("", "train", "--data", "missing.csv", "--label", "y", "--folds", "1");
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("nn4j: --folds takes a number of folds of 2 or more, got 1");
        CliRun json = CliRun.of("", "train", "--data", "missing.csv", "--label", "y", "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).contains("--json prints the cross-validation as one object; give --folds K with it");
        CliRun spark = CliRun.of("", "train", "--data", "missing.csv", "--label", "y", "--folds", "3", "--spark");
        assertThat(spark.exitCode()).isEqualTo(2);
        assertThat(spark.err()).contains("--folds cross-validates on this machine's cores; leave out --spark");
    }

    @Test
    void moreFoldsThanRowsIsOneLineNamingBoth() {
        CliRun run = train("--folds", "121", "--quiet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(
                "nn4j: Cross-validation in 121 folds needs at least 121 rows, one per fold, got 120");
    }
}
