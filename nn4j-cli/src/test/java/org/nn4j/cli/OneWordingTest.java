package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command writes durations, counts and settings the same way, and regression says its units. */
class OneWordingTest {

    /** Java's own spelling of a double, 1.0E-8, which people do not write. */
    private static final Pattern JAVA_DOUBLE = Pattern.compile("\\d\\.\\d+E-?\\d");

    @TempDir
    Path folder;

    @Test
    void xorAndTrainSayHowLongTrainingTookInTheSameWords() {
        CliRun xor = CliRun.of("", "xor", "--no-prompt", "--epochs", "20");
        CliRun train = CliRun.of("", "train", "--dataset", "moons", "--samples", "100", "--epochs", "2");
        CliRun saved = CliRun.of("", "xor", "--no-prompt", "--epochs", "20", "--save",
                folder.resolve("x.nn4j").toString());
        assertThat(saved.out()).contains("Saved the model to " + folder.resolve("x.nn4j") + ".");
        for (CliRun run : new CliRun[] {xor, train}) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .containsPattern("\\RTraining took (\\d+(\\.\\d)? ms|\\d+\\.\\d\\d s)\\.\\R")
                    .doesNotContain("Trained in");
        }
    }

    @Test
    void parameterCountsAreGroupedAndSettingsAvoidJavasNumberSpelling() {
        CliRun train = CliRun.of("", "train", "--dataset", "spirals", "--samples", "100", "--hidden", "64,32",
                "--optimizer", "adam", "--epochs", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("Total parameters: 2,371 (all trainable)")
                .contains("optimizer adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8)");
        assertThat(JAVA_DOUBLE.matcher(train.out()).find()).as(train.out()).isFalse();
        CliRun lr = CliRun.of("", "train", "--dataset", "moons", "--samples", "100", "--epochs", "1", "--lr", "100");
        assertThat(lr.out()).containsPattern("  lr 100\\R").contains("adam(lr=100, ");
    }

    @Test
    void regressionSaysWhichLossesAreStandardisedAndWhichAreInTheLabelsUnits() throws Exception {
        Path csv = folder.resolve("line.csv");
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i).append(',').append(3 * i + 100).append('\n');
        }
        java.nio.file.Files.writeString(csv, rows);
        CliRun run = CliRun.of("", "train", "--data", csv.toString(), "--label", "y", "--epochs", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Units: the epoch losses are the MSE of the standardised 'y'")
                .contains("the test scores are in its own units.")
                .contains("(in the label's units, squared)").contains("MAE: ");
    }
}
