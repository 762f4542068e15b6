package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mistyped command, option, option value or column name is named alone, with the name it was likely meant to be. */
class SuggestionsTest {

    @TempDir
    Path folder;

    @Test
    void aMistypedCommandGetsTheClosestCommand() {
        CliRun run = CliRun.of("", "trian", "--dataset", "moons");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unknown command 'trian' (did you mean 'train'?); the commands are ")
                .contains("xor").doesNotContain("Unmatched").doesNotContain("'moons'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpForAMistypedCommandGetsTheClosestCommand() {
        CliRun run = CliRun.of("", "help", "trian");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unknown command 'trian' (did you mean 'train'?); the commands are ");
    }

    @Test
    void aMistypedOptionIsNamedWithoutItsValue() {
        for (String[] args : new String[][] {{"--lable", "species"}, {"--lable=species"}}) {
            String[] command = new String[args.length + 3];
            command[0] = "train";
            command[1] = "--dataset";
            command[2] = "moons";
            System.arraycopy(args, 0, command, 3, args.length);
            CliRun run = CliRun.of("", command);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("nn4j: Unknown option '--lable' for 'nn4j train' (did you mean"
                    + " '--label'?)\n").doesNotContain("species").contains("Try 'nn4j train --help'");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aMistypedRequiredOptionIsNamedRatherThanReportedMissing() {
        CliRun run = CliRun.of("", "split", "--data", folder.resolve("absent.csv").toString(), "--lable", "species",
                "--out", folder.resolve("parts").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unknown option '--lable' for 'nn4j split' (did you mean"
                + " '--label'?)\n").doesNotContain("Missing");
    }

    @Test
    void optionsAreSuggestedFromTheCommandThatRanOnly() {
        // train has --optimizer; xor does not, and is not told to use it.
        CliRun run = CliRun.of("", "xor", "--optimizer", "adam", "--no-prompt");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unknown option '--optimizer' for 'nn4j xor'\n")
                .doesNotContain("did you mean").doesNotContain("'adam'");
    }

    @Test
    void aStrayWordIsNamedAsAnArgument() {
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "extra");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unexpected argument 'extra' for 'nn4j train', which takes options"
                + " only\n");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--activation, rleu, relu",
        "--activation, sigmod, sigmoid",
        "--optimizer, adma, adam",
        "--optimizer, nestrov, nesterov",
        "--init, xaviar, xavier",
        "--schedule, cosin, cosine",
        "--schedule, expnential:0.9, exponential",
        "--dataset, moon, moons",
        "--dataset, spiral, spirals",
        "--monitor, val_acc, val_accuracy",
        "--monitor, val_los, val_loss",
        "--task, binray, binary",
        "--method, centrl, central",
        "--precision, flaot32, float32"})
    void aMistypedValueGetsTheClosestKnownOneBeforeAnyDataIsRead(String option, String value, String meant) {
        CliRun run = option.equals("--dataset") ? CliRun.of("", "train", option, value)
                : CliRun.of("", "train", "--dataset", "moons", option, value);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: ").contains("'" + value + "'")
                .contains("(did you mean '" + meant + "'?)").doesNotContain("Exception");
        assertThat(run.out()).as("nothing read, nothing trained").isEmpty();
    }

    @Test
    void explainsChoicesAreSuggestedToo() {
        CliRun run = CliRun.of("", "explain", "--format", "jsno");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: --format takes table, markdown or json, got 'jsno' (did you mean"
                + " 'json'?)");
        CliRun update = CliRun.of("", "explain", "--update-with", "backprp");
        assertThat(update.exitCode()).isEqualTo(2);
        assertThat(update.err()).contains("got 'backprp' (did you mean 'backprop'?)");
    }

    @Test
    void xorPresetsAreSuggestedToo() {
        CliRun run = CliRun.of("", "xor", "--preset", "tutorail", "--no-prompt");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: Unknown preset 'tutorail' (did you mean 'tutorial'?)");
    }

    @Test
    void aMistypedLabelColumnGetsTheClosestColumnBeforeTraining() throws IOException {
        Path data = folder.resolve("flowers.csv");
        Files.writeString(data, "petal_length,species\n1.4,setosa\n4.7,versicolor\n1.3,setosa\n4.5,versicolor\n");
        CliRun run = CliRun.of("", "train", "--data", data.toString(), "--label", "specie", "--epochs", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("nn4j: ").endsWith("flowers.csv has no label column 'specie' (did you mean 'species'?);"
                + " its columns are petal_length, species\n");
        assertThat(run.out()).doesNotContain("Epoch");
    }

    @Test
    void aMistypedLabelInSplitGetsTheClosestColumn() throws IOException {
        Path data = folder.resolve("flowers.csv");
        Files.writeString(data, "petal_length,species\n1.4,setosa\n4.7,versicolor\n");
        CliRun run = CliRun.of("", "split", "--data", data.toString(), "--label", "Speices", "--out",
                folder.resolve("parts").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has no label column 'Speices' (did you mean 'species'?)");
        assertThat(folder.resolve("parts")).doesNotExist();
    }

    @Test
    void aMistypedColumnInRowsToPredictGetsTheModelsColumn() throws IOException {
        Path data = folder.resolve("flowers.csv");
        Files.writeString(data, "petal_length,species\n1.4,setosa\n4.7,versicolor\n1.3,setosa\n4.5,versicolor\n");
        Path model = folder.resolve("flowers.nn4j");
        CliRun train = CliRun.of("", "train", "--data", data.toString(), "--label", "species", "--epochs", "1",
                "--save", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path rows = folder.resolve("rows.csv");
        Files.writeString(rows, "petal_lenght\n1.5\n");
        CliRun run = CliRun.of("", "predict", model.toString(), "--input", rows.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("missing petal_length; unknown petal_lenght (did you mean 'petal_length'?)");
    }
}
