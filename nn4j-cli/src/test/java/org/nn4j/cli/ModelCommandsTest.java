package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;

/** {@code evaluate}, {@code predict}, {@code summary} and {@code split} on a model trained on iris. */
class ModelCommandsTest {

    @TempDir
    static Path folder;

    static Path model;

    /** What train printed, with the test accuracy on its held-out rows. */
    static CliRun training;

    @BeforeAll
    static void trainIris() {
        model = folder.resolve("iris.nn4j");
        training = CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--test", "0.3", "--save", model.toString());
        assertThat(training.exitCode()).as(training.err()).isZero();
    }

    @Test
    void evaluateOnTheTrainingFileScoresOnlyItsHeldOutTestRowsAndSaysSo() {
        CliRun report = CliRun.of("", "evaluate", model.toString(), "--data", TrainCommandTest.IRIS.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Samples: 45").contains("precision").contains("Confusion matrix")
                .contains("the 45 test rows held out in training");
        assertThat(report.err()).contains("is the data " + model + " was trained on (the same digest): its other"
                + " 105 rows served training or validation (split seed 1), so only the 45 held-out test rows are"
                + " scored; --all-rows scores every row");
        // The very rows train tested on: the same accuracy, to the last digit printed.
        assertThat(report.out()).contains(String.format(java.util.Locale.ROOT, "Accuracy: %.4f",
                TrainCommandTest.testAccuracy(training)));

        CliRun all = CliRun.of("", "evaluate", model.toString(), "--data", TrainCommandTest.IRIS.toString(),
                "--all-rows", "--json");
        assertThat(all.exitCode()).isZero();
        assertThat(all.err()).contains("105 of its 150 rows served training or validation");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(all.out().trim());
        assertThat(parsed).containsKeys("accuracy", "loss", "confusion_matrix", "per_class", "macro_f1");
        assertThat(parsed.get("rows_scored")).isEqualTo("all rows");
        assertThat((Double) parsed.get("accuracy")).isGreaterThan(0.9);
        List<?> confusion = (List<?>) parsed.get("confusion_matrix");
        long total = confusion.stream().flatMap(row -> ((List<?>) row).stream()).mapToLong(v -> (Long) v).sum();
        assertThat(total).isEqualTo(150);
    }

    @Test
    void aModelFileWhoseRecordedSplitIsNoShareIsRefusedInOneLine() throws IOException {
        org.nn4j.io.SavedModel saved = org.nn4j.io.ModelFile.read(model);
        Map<String, String> training = new java.util.LinkedHashMap<>(saved.training());
        training.put("split_test", "NaN\u001b[2J");
        Path forged = folder.resolve("forged.nn4j");
        org.nn4j.io.ModelFile.write(new org.nn4j.io.SavedModel(saved.network(), training, saved.preprocessing(),
                saved.history()), forged);
        CliRun report = CliRun.of("", "evaluate", forged.toString(), "--data", TrainCommandTest.IRIS.toString());
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.out()).isEmpty();
        assertThat(report.err()).isEqualTo("nn4j: The model's training record gives split_test as 'NaN\\u001b[2J';"
                + " expected a share of rows from 0 to below 1\n");
    }

    @Test
    void evaluateOnOtherDataScoresEveryRowWithoutAWarning() throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(TrainCommandTest.IRIS);
        Path other = folder.resolve("fewer.csv");
        java.nio.file.Files.write(other, lines.subList(0, lines.size() - 1));
        CliRun report = CliRun.of("", "evaluate", model.toString(), "--data", other.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Samples: 149").contains(", all rows (");
        assertThat(report.err()).isEmpty();
    }

    @Test
    void predictAnswersWithClassNamesWhetherOrNotTheLabelIsThere() {
        String withLabel = "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n"
                + "6.7,3.0,5.2,2.3,virginica\n";
        CliRun run = CliRun.of(withLabel, "predict", model.toString(), "--input", "-");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("predicted_species,probability\nsetosa,0.9").contains("\nvirginica,0.");

        String reordered = "petal_width,petal_length,sepal_width,sepal_length\n0.2,1.4,3.5,5.1\n";
        CliRun without = CliRun.of(reordered, "predict", model.toString(), "--input", "-");
        assertThat(without.exitCode()).as(without.err()).isZero();
        assertThat(without.out().split("\n")[1]).isEqualTo(run.out().split("\n")[1]);
    }

    @Test
    void thePromptAsksForEachColumnByName() {
        CliRun run = CliRun.of("5.1\n3.5\nwide\n1.4\n0.2\nquit\n", "predict", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sepal_length: sepal_width: petal_length: Invalid input. Please enter a numeric"
                + " value.\npetal_length: petal_width: Prediction: setosa (probability 0.9");
    }

    @Test
    void summaryShowsArchitectureTrainingColumnsAndHistory() {
        CliRun run = CliRun.of("", "summary", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4-64-3 (relu, softmax)").contains("Total parameters: 515")
                .contains("sepal_length         numeric, standardised with mean")
                .contains("label: multi-class classification with classes setosa, versicolor, virginica")
                .contains("optimizer            adam(lr=0.001")
                .contains("test_accuracy").containsPattern("History \\(\\d+ epochs\\)")
                .containsPattern("epoch +loss +accuracy +val_loss +val_accuracy +lr");
    }

    @Test
    void splitWritesTheTestRowsThatTrainHoldsOut() throws IOException {
        Path out = folder.resolve("split");
        CliRun run = CliRun.of("", "split", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--test", "0.3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("test.csv"))).hasSize(46);
        assertThat(Files.readAllLines(out.resolve("train.csv"))).hasSize(106)
                .first().isEqualTo("sepal_length,sepal_width,petal_length,petal_width,species");
        // Training on train.csv and scoring on test.csv gives the same test set as --test 0.3 on the whole file.
        CliRun trained = CliRun.of("", "train", "--data", out.resolve("train.csv").toString(), "--label", "species",
                "--test-data", out.resolve("test.csv").toString());
        assertThat(trained.out()).contains("Test set (45 rows)");
    }

    @Test
    void aModelWithoutColumnsCannotEvaluateCsv() {
        Path xor = folder.resolve("xor.nn4j");
        assertThat(CliRun.of("", "xor", "--no-prompt", "--save", xor.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("", "evaluate", xor.toString(), "--data", TrainCommandTest.IRIS.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has no column information");
    }
}
