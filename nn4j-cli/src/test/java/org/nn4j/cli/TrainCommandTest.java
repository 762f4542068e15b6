package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn4j train} end to end on the shared data sets and the built-in ones. */
class TrainCommandTest {

    static final Path IRIS = BuiltInFiles.written("iris");
    static final Path DIGITS = BuiltInFiles.written("digits");

    @TempDir
    Path folder;

    static double testAccuracy(CliRun run) {
        Matcher m = Pattern.compile("Test set \\(\\d+ rows\\):\\R(?:.*\\R)*?Accuracy: ([0-9.]+)").matcher(run.out());
        assertThat(m.find()).as("a test accuracy in:%n%s%s", run.out(), run.err()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void irisWithDefaultSettingsReaches95PercentOnA70To30Split() throws IOException {
        Path model = folder.resolve("iris.nn4j");
        CliRun run = CliRun.of("", "train", "--data", IRIS.toString(), "--label", "species", "--test", "0.3",
                "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Task: multi-class classification of 'species' with 3 classes: setosa,"
                + " versicolor, virginica (inferred from the label column; --task to change)");
        assertThat(run.out()).contains("Split (seed 1, stratified): 90 training, 15 validation, 45 test rows");
        assertThat(run.out()).containsPattern("Epoch +1/200  loss [0-9.]+  accuracy [0-9.]+  val_loss [0-9.]+"
                + "  val_accuracy [0-9.]+  lr 0.001\\R");
        assertThat(testAccuracy(run)).isGreaterThanOrEqualTo(0.95);
        assertThat(run.out()).contains("Confusion matrix").contains("Saved the model to " + model);
        // No progress bar when the output is not a terminal.
        assertThat(run.out()).doesNotContain("\r");
        assertThat(run.err()).isEmpty();
        assertThat(Files.size(model)).isPositive();
    }

    @Test
    void float32TrainsDigitsAsWellAndSavesF32(@TempDir Path folder) throws IOException {
        Path model = folder.resolve("digits32.nn4j");
        CliRun run = CliRun.of("", "train", "--data", DIGITS.toString(), "--label", "digit", "--test", "0.25",
                "--precision", "float32", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stored in float32");
        assertThat(testAccuracy(run)).isGreaterThanOrEqualTo(0.96);
        CliRun summary = CliRun.of("", "summary", model.toString());
        assertThat(summary.out()).contains("64-64-10 (relu, softmax) float32");
    }

    @Test
    void digitsReach96PercentOnA75To25Split() {
        CliRun run = CliRun.of("", "train", "--data", DIGITS.toString(), "--label", "digit", "--test", "0.25");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Split (seed 1, stratified): 1167 training, 179 validation, 451 test rows");
        assertThat(testAccuracy(run)).isGreaterThanOrEqualTo(0.96);
    }

    @Test
    void builtInSetsTrainWithTwoHiddenLayers() {
        CliRun run = CliRun.of("", "train", "--dataset", "spirals", "--hidden", "32,32", "--activation", "tanh",
                "--lr", "0.01", "--epochs", "300", "--early-stopping", "30");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Data: spirals, 1000 rows, 3 columns");
        assertThat(testAccuracy(run)).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void aTinyLogicGateIsTrainedAndScoredOnAllItsRows() {
        CliRun run = CliRun.of("", "train", "--dataset", "nand", "--hidden", "4", "--lr", "0.1", "--epochs", "300",
                "--early-stopping", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 training, 4 validation, 4 test rows (fewer than 20 rows: all rows serve for"
                + " each)");
        assertThat(testAccuracy(run)).isEqualTo(1.0);
    }

    @Test
    void regressionIsInferredFromANumericLabelAndScoredInItsUnits() throws IOException {
        Path csv = folder.resolve("houses.csv");
        StringBuilder rows = new StringBuilder("area,rooms,district,price\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            double area = 40 + 120 * random.nextDouble();
            int rooms = 1 + random.nextInt(5);
            String district = random.nextBoolean() ? "north" : "south";
            double price = 1000 * area + 5000 * rooms + (district.equals("north") ? 20000 : 0)
                    + 2000 * random.nextGaussian();
            rows.append(String.format(java.util.Locale.ROOT, "%.2f,%d,%s,%.2f%n", area, rooms, district, price));
        }
        Files.writeString(csv, rows);
        Path model = folder.resolve("houses.nn4j");
        CliRun run = CliRun.of("", "train", "--data", csv.toString(), "--label", "price", "--lr", "0.01",
                "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Task: regression of 'price' (inferred");
        assertThat(run.out()).contains("Features: 2 numeric (standardised), 1 categorical (one-hot) → 4 inputs");
        Matcher r2 = Pattern.compile("R²: ([0-9.]+)").matcher(run.out());
        assertThat(r2.find()).isTrue();
        assertThat(Double.parseDouble(r2.group(1))).isGreaterThan(0.95);

        CliRun evaluate = CliRun.of("", "evaluate", model.toString(), "--data", csv.toString(), "--json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("\"task\":\"regression\"").contains("\"r2\":0.9").contains("\"mae\":");

        CliRun predict = CliRun.of("area,rooms,district\n100,3,north\n", "predict", model.toString(), "--input", "-");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        String[] lines = predict.out().split("\\R");
        assertThat(lines[0]).isEqualTo("predicted_price");
        // 1000·100 + 5000·3 + 20000 = 135000, within a few noise widths.
        assertThat(Double.parseDouble(lines[1])).isBetween(125_000.0, 145_000.0);
    }

    @Test
    void everyOptimizerAndScheduleRunsFromTheCommandLine() {
        for (String optimizer : new String[] {"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"}) {
            CliRun run = CliRun.of("", "train", "--dataset", "blobs", "--samples", "200", "--optimizer", optimizer,
                    "--epochs", "5", "--schedule", "cosine", "--dropout", "0.1", "--l2", "0.001", "--clip-norm", "5");
            assertThat(run.exitCode()).as(optimizer + ": " + run.err()).isZero();
            assertThat(run.out()).contains("optimizer " + optimizer + "(");
        }
    }
}
