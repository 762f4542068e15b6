package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

class PredictCommandTest {

    @TempDir
    Path folder;

    private Path model;
    private Network network;

    @BeforeEach
    void saveAThreeInputTwoOutputModel() throws IOException {
        network = Network.builder(3).dense(4, Activations.TANH).dense(2, Activations.SOFTMAX)
                .build(Initializers.XAVIER, RandomSource.seeded(2));
        model = folder.resolve("m.nn4j");
        ModelFile.write(network, Map.of(), model);
    }

    @Test
    void promptsForEveryInputOfAnyNetwork() {
        CliRun run = CliRun.of("1\n2\n3\n", "predict", model.toString());
        double[] expected = network.predict(1, 2, 3);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Input a: Input b: Input c: Prediction: "
                + Prompt.format(expected));
    }

    @Test
    void writesOnePredictionPerCsvRow() throws IOException {
        Path rows = folder.resolve("rows.csv");
        Files.writeString(rows, "x,y,z\n1,2,3\n\n-1,0.5,2\n");
        CliRun run = CliRun.of("", "predict", model.toString(), "--input", rows.toString());
        double[] first = network.predict(1, 2, 3);
        double[] second = network.predict(-1, 0.5, 2);
        assertThat(run.out().lines()).containsExactly("prediction_1,prediction_2",
                first[0] + "," + first[1], second[0] + "," + second[1]);
    }

    @Test
    void readsCsvFromStandardInput() {
        CliRun run = CliRun.of("1,2,3\n", "predict", model.toString(), "--input", "-");
        double[] expected = network.predict(1, 2, 3);
        assertThat(run.out().strip()).isEqualTo(expected[0] + "," + expected[1]);
    }

    @Test
    void namesTheLineAndTheExpectedCountForBadRows() {
        CliRun wrongCount = CliRun.of("1,2\n", "predict", model.toString(), "--input", "-");
        assertThat(wrongCount.exitCode()).isEqualTo(1);
        assertThat(wrongCount.err().strip())
                .isEqualTo("nn4j: Line 1 of standard input has 2 values, but the model takes 3 inputs");
        CliRun text = CliRun.of("1,2,3\n1,two,3\n", "predict", model.toString(), "--input", "-");
        assertThat(text.err()).contains("Line 2 of standard input, column 2: expected a number, got 'two'");
    }

    @Test
    void namesAMissingOrBrokenModelFile() throws IOException {
        CliRun missing = CliRun.of("", "predict", folder.resolve("nope.nn4j").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.nn4j': does not exist").doesNotContain("Exception");
        Path junk = folder.resolve("junk.nn4j");
        Files.writeString(junk, "not a model at all");
        CliRun broken = CliRun.of("", "predict", junk.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("junk.nn4j': is not a valid nn4j model");
        CliRun noInput = CliRun.of("", "predict", model.toString(), "--input", folder.resolve("no.csv").toString());
        assertThat(noInput.err()).contains("no.csv' does not exist");
    }
}
