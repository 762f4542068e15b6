package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;

/**
 * What the command line does with input that is malformed on purpose: rows with NaN, devices instead of files,
 * endless lines, numbers in Java's own syntax, text that is not UTF-8, a label with tens of thousands of values.
 * Each gets one line and exit 1, or the answer a well-formed input gets; nothing is skipped in silence.
 */
class HostileInputTest {

    private static final Path DEV_ZERO = Path.of("/dev/zero");

    @TempDir
    Path folder;

    private Path model;
    private Network network;

    @BeforeEach
    void saveATwoInputModel() throws IOException {
        network = Network.builder(2).dense(3, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(3));
        model = folder.resolve("m.nn4j");
        ModelFile.write(network, Map.of(), model);
    }

    @Test
    void aFirstRowWithANanIsRefusedNotTakenForAHeader() throws IOException {
        Path rows = folder.resolve("rows.csv");
        Files.writeString(rows, "0,NaN\n1,0\n0,1\n");
        CliRun run = CliRun.of("", "predict", model.toString(), "--input", rows.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("nn4j: Line 1 of " + rows + ", column 2: expected a finite number,"
                + " got 'NaN' (a prediction needs every input)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void finiteWeightsThatOverflowGiveNoPredictionInsteadOfNan() throws IOException {
        // Every weight is finite, so the file loads; 1e308 + 1e308 is infinity, and infinity minus infinity is NaN.
        Network overflowing = Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.IDENTITY)
                .dense(1, Activations.IDENTITY)
                .build(Initializers.XAVIER, RandomSource.seeded(3));
        overflowing.layers().get(0).weight().value().fill(1e308);
        overflowing.layers().get(0).bias().value().fill(0);
        overflowing.layers().get(1).weight().value().set(0, 0, 1);
        overflowing.layers().get(1).weight().value().set(1, 0, -1);
        overflowing.layers().get(1).bias().value().fill(0);
        Path file = folder.resolve("overflowing.nn4j");
        ModelFile.write(overflowing, Map.of(), file);
        Path rows = folder.resolve("rows.csv");
        Files.writeString(rows, "0,0\n1,1\n");

        CliRun run = CliRun.of("", "predict", file.toString(), "--input", rows.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("nn4j: The model's output for line 2 of " + rows + " is NaN, not a"
                + " finite number: its weights or this row's values overflow double precision, so there is no"
                + " prediction to give");
        assertThat(run.out()).doesNotContain("NaN");

        Path table = folder.resolve("t.csv");
        Files.writeString(table, "a,b,label\n0,0,1\n1,1,2\n2,0,3\n");
        Table t = Table.readCsv(table);
        SavedModel withColumns = new SavedModel(overflowing, Map.of(),
                Preprocessing.fit(t, "label", Task.REGRESSION, t.allRows()), Map.of());
        Path tableModel = folder.resolve("overflowing-table.nn4j");
        ModelFile.write(withColumns, tableModel);
        CliRun evaluate = CliRun.of("", "evaluate", tableModel.toString(), "--data", table.toString());
        assertThat(evaluate.exitCode()).isEqualTo(1);
        assertThat(evaluate.out()).doesNotContain("NaN");
        assertThat(evaluate.err()).contains("The model's output for row 1 is NaN");
        CliRun predictTable = CliRun.of("", "predict", tableModel.toString(), "--input", table.toString());
        assertThat(predictTable.exitCode()).isEqualTo(1);
        assertThat(predictTable.err()).contains("The model's output for row 1 is NaN");

        // Someone typing gets an explanation and the next question, as for a word that is not a number.
        CliRun prompt = CliRun.of("1 1\n0 0\n", "predict", file.toString());
        assertThat(prompt.exitCode()).isZero();
        assertThat(prompt.out()).doesNotContain("Prediction: NaN").contains(Prompt.NO_PREDICTION)
                .contains("Prediction: 0.0000");
        CliRun tablePrompt = CliRun.of("1,1\n0,0\n", "predict", tableModel.toString());
        assertThat(tablePrompt.exitCode()).isZero();
        assertThat(tablePrompt.out()).doesNotContain("Prediction: NaN").contains(Prompt.NO_PREDICTION);
    }

    @Test
    void hugeTypedNumbersGetAnExplanationNotAStackTrace() throws IOException {
        // Found by fuzzing the prompt: 1e308 and -1e308 overflow a small ReLU network to NaN.
        Network xor = Network.builder(2).dense(2, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(1));
        StringWriter written = new StringWriter();
        new Prompt(xor, new StringReader("1e308\n-1e308\n0\n1\n"), new PrintWriter(written)).run();
        assertThat(written.toString()).contains(Prompt.NO_PREDICTION).contains("Prediction: ");
    }

    @Test
    void aHeaderIsALineWithoutNumbers() {
        CliRun run = CliRun.of("a,b\n1,0\n", "predict", model.toString(), "--input", "-");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("prediction", Double.toString(network.predict(1, 0)[0]));
        CliRun mixed = CliRun.of("a,7\n1,0\n", "predict", model.toString(), "--input", "-");
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.err()).contains("Line 1 of standard input, column 1: expected a number, got 'a'");
    }

    @Test
    void devicesAndPipesAreRefusedInsteadOfReadForEver() {
        assumeTrue(Files.exists(DEV_ZERO), "a system with /dev/zero");
        CliRun asModel = CliRun.of("", "predict", DEV_ZERO.toString());
        assertThat(asModel.exitCode()).isEqualTo(1);
        assertThat(asModel.err().strip()).isEqualTo("nn4j: Model file '/dev/zero': is not a regular file (a device,"
                + " pipe or socket?); nn4j reads a model file from a regular file");
        CliRun asRows = CliRun.of("", "predict", model.toString(), "--input", DEV_ZERO.toString());
        assertThat(asRows.exitCode()).isEqualTo(1);
        assertThat(asRows.err()).contains("The input file '/dev/zero' is not a regular file");
        CliRun asData = CliRun.of("", "split", "--data", DEV_ZERO.toString(), "--label", "y", "--out",
                folder.toString());
        assertThat(asData.exitCode()).isEqualTo(1);
        assertThat(asData.err()).contains("The data file '/dev/zero' is not a regular file");
    }

    @Test
    void anEndlessPromptLineIsRefusedBeforeItFillsMemory() {
        CliRun run = CliRun.of("1".repeat(Prompt.MAX_LINE_CHARS + 10), "predict", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("standard input, line 1 is longer than " + Prompt.MAX_LINE_CHARS
                + " characters");
    }

    @Test
    void thePromptReadsNumbersAsCsvFilesDo() {
        for (String javaOnly : new String[] {"0x1p3", "1d", "2f"}) {
            CliRun run = CliRun.of(javaOnly + "\n", "predict", model.toString());
            assertThat(run.out()).as(javaOnly).contains(Prompt.INVALID).doesNotContain("Prediction:");
            CliRun rows = CliRun.of(javaOnly + ",1\n", "predict", model.toString(), "--input", "-");
            assertThat(rows.exitCode()).as(javaOnly).isEqualTo(1);
        }
        CliRun plain = CliRun.of("1e0 .5\n", "predict", model.toString());
        assertThat(plain.out()).contains("Prediction: " + Prompt.format(network.predict(1, 0.5)));
    }

    @Test
    void textThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, "a,b\n1,0\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of("", "predict", model.toString(), "--input", latin1.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("The input file '" + latin1 + "' is not UTF-8 text: line 3 holds the byte"
                + " 0xE9").doesNotContain("Input length");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aLabelWithFortyThousandValuesIsRefusedNotAnOutOfMemoryError() throws IOException {
        StringBuilder csv = new StringBuilder("x,name\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append(i % 13).append(",item").append(i).append('\n');
        }
        Path data = folder.resolve("names.csv");
        Files.writeString(data, csv);
        CliRun run = CliRun.of("", "train", "--data", data.toString(), "--label", "name", "--epochs", "1",
                "--save", folder.resolve("m2.nn4j").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("nn4j: " + data + ": the label column 'name' has 40000 distinct"
                + " values in 40000 rows").contains("identifier or free text").doesNotContain("OutOfMemoryError");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }
}
