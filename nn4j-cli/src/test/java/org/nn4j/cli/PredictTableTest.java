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
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

/**
 * {@code nn4j predict} for a model trained on a table: rows with or without a header, one row on the command line,
 * every class's probability, and no partial output when a row is bad.
 */
class PredictTableTest {

    @TempDir
    static Path folder;

    private static Path model;
    private static SavedModel saved;

    @BeforeAll
    static void saveAModelOfANumberAndAColourIntoThreeClasses() throws IOException {
        Table training = Table.of("t", List.of("size", "colour", "kind"), List.of(
                new String[] {"1", "red", "a"}, new String[] {"2", "blue", "b"}, new String[] {"3", "red", "c"},
                new String[] {"4", "blue", "a"}));
        Preprocessing prep = Preprocessing.fit(training, "kind", Task.MULTICLASS, training.allRows());
        Network network = Network.builder(prep.inputs()).dense(5, Activations.TANH).dense(3, Activations.SOFTMAX)
                .build(Initializers.XAVIER, RandomSource.seeded(4));
        model = folder.resolve("kinds.nn4j");
        ModelFile.write(new SavedModel(network, Map.of(), prep, Map.of()), model);
        saved = ModelFile.read(model);
    }

    /** The CSV line predict should print for one row, computed from the network directly. */
    private static String expected(String size, String colour, boolean every) {
        Table row = Table.of("row", List.of("size", "colour"), List.<String[]>of(new String[] {size, colour}));
        PredictCommand.Answer a = PredictCommand.answer(saved.network(), saved.preprocessing(), row,
                new int[] {0}).get(0);
        return a.csv(every);
    }

    @Test
    void rowsWithoutAHeaderGiveTheFeatureColumnsInTrainingOrder() {
        CliRun run = CliRun.of("2.5,blue\n1,red\n", "predict", model.toString(), "--input", "-");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("predicted_kind,probability", expected("2.5", "blue", false),
                expected("1", "red", false));
    }

    @Test
    void aHeaderNamesTheColumnsInAnyOrderWithTheLabelOrNot() {
        CliRun run = CliRun.of("kind,colour,size\nb,blue,2.5\n", "predict", model.toString(), "--input", "-");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("predicted_kind,probability", expected("2.5", "blue", false));
    }

    @Test
    void oneRowOnTheCommandLineWithEveryClasssProbability() {
        CliRun run = CliRun.of("", "predict", model.toString(), "--values", "2.5,blue", "--probabilities");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "predicted_kind,probability_a,probability_b,probability_c", expected("2.5", "blue", true));
        String[] cells = expected("2.5", "blue", true).split(",");
        // The model computes in float32: each probability is a float32 quotient, so their sum is 1 to within a few
        // of float32's ulps at 1 (6e-8), not float64's.
        assertThat(Double.parseDouble(cells[1]) + Double.parseDouble(cells[2]) + Double.parseDouble(cells[3]))
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(5e-7));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsNamesTheColumnsExpected() {
        CliRun run = CliRun.of("", "predict", model.toString(), "--values", "2.5");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--values, line 1: expected 2 cells (size, colour, in this order");
    }

    @Test
    void aBadRowFarDownPrintsNoPartialOutput() throws IOException {
        StringBuilder rows = new StringBuilder("size,colour\n");
        for (int i = 1; i <= 600; i++) {
            rows.append(i == 500 ? "big" : Integer.toString(i % 7)).append(",red\n");
        }
        Path file = folder.resolve("rows.csv");
        Files.writeString(file, rows);
        CliRun run = CliRun.of("", "predict", model.toString(), "--input", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 501");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aBadRowFarDownPrintsNoPartialOutputForAModelWithoutColumnsEither() throws IOException {
        Network plain = Network.builder(2).dense(1, Activations.SIGMOID).build(Initializers.XAVIER,
                RandomSource.seeded(1));
        Path plainModel = folder.resolve("plain.nn4j");
        ModelFile.write(plain, Map.of(), plainModel);
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 600; i++) {
            rows.append(i == 500 ? "1,x" : i + ",1").append('\n');
        }
        CliRun run = CliRun.of(rows.toString(), "predict", plainModel.toString(), "--input", "-");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Line 500 of standard input, column 2");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void thePromptTakesAWholeRowOnOneLine() {
        CliRun run = CliRun.of("2.5,blue\nquit\n", "predict", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Table row = Table.of("row", List.of("size", "colour"), List.<String[]>of(new String[] {"2.5", "blue"}));
        assertThat(run.out()).contains("size: " + PredictCommand.answer(saved.network(), saved.preprocessing(), row,
                new int[] {0}).get(0).describe());
        assertThat(run.out()).contains("or the whole row on one line (size, colour)");
    }
}
