package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value out of its option's range is a usage error (exit 2): one line that says what was expected and what was
 * given, before any data is read. The data file named here does not exist, so reading it first would say that.
 */
class OptionRangesTest {

    @TempDir
    Path folder;

    private void assertRefusedBeforeReading(CliRun run, String command, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("nn4j: " + expected + "\n")
                .contains("Try 'nn4j " + command + " --help' for the options.").doesNotContain("absent.csv");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--lr | -1 | The learning rate must be a positive number, got -1.0",
        "--lr | 0 | The learning rate must be a positive number, got 0.0",
        "--test | 1.5 | The test share must be a fraction from 0 to below 1, got 1.5",
        "--test | -0.1 | The test share must be a fraction from 0 to below 1, got -0.1",
        "--validation | 1 | The validation share must be a fraction from 0 to below 1, got 1.0",
        "--epochs | 0 | The number of epochs must be at least 1, got 0",
        "--epochs | -5 | The number of epochs must be at least 1, got -5",
        "--batch | 0 | The batch size must be at least 1, got 0",
        "--early-stopping | -1 | The early-stopping patience must be at least 0 (0 turns it off), got -1",
        "--dropout | 1 | The dropout rate must be at least 0 and below 1, got 1.0",
        "--samples | 0 | --samples takes a number of rows of 1 or more, got 0",
        "--classes | 1 | --classes takes 2 or more, got 1",
        "--noise | -1 | --noise takes a standard deviation of 0 or more, got -1.0",
        "--ui-port | 70000 | --ui-port takes a port from 0 (any free one) to 65535, got 70000",
        "--checkpoint-every | -1 | --checkpoint-every takes a number of epochs of 1 or more (0 for only on Ctrl-C),"
                + " got -1",
        "--threads | 0 | --threads takes 1 or more, got 0"})
    void aTrainingValueOutOfRangeIsAUsageError(String option, String value, String expected) {
        CliRun run = CliRun.of("", "train", "--data", folder.resolve("absent.csv").toString(), "--label", "y",
                option, value);
        assertRefusedBeforeReading(run, "train", expected);
    }

    @Test
    void sharesThatLeaveNoRowsToTrainOnAreAUsageError() {
        CliRun run = CliRun.of("", "train", "--data", folder.resolve("absent.csv").toString(), "--label", "y",
                "--test", "0.5", "--validation", "0.5");
        assertRefusedBeforeReading(run, "train", "The test and validation shares together must be below 1 to leave"
                + " rows to train on, got test 0.5 and validation 0.5");
    }

    @Test
    void anAccuracyToWatchInARegressionIsAUsageError() {
        CliRun run = CliRun.of("", "train", "--data", folder.resolve("absent.csv").toString(), "--label", "y",
                "--task", "regression", "--monitor", "val_accuracy");
        assertRefusedBeforeReading(run, "train", "Early stopping cannot watch 'val_accuracy' in a regression, which"
                + " has no accuracy; expected val_loss or loss");
    }

    @Test
    void anUnknownDataSetIsAUsageErrorBeforeAnyRowIsMade() {
        CliRun run = CliRun.of("", "train", "--dataset", "moon");
        assertRefusedBeforeReading(run, "train", "Unknown data set 'moon' (did you mean 'moons'?); expected one of "
                + String.join(", ", DataOptions.BUILT_IN));
    }

    @Test
    void xorTrainsForOneEpochOrMore() {
        CliRun run = CliRun.of("", "xor", "--epochs", "0", "--no-prompt");
        assertRefusedBeforeReading(run, "xor", "--epochs takes 1 or more, got 0");
    }

    @Test
    void theDashboardTakesAPortNumber() {
        CliRun run = CliRun.of("", "ui", "--port", "70000");
        assertRefusedBeforeReading(run, "ui", "--port takes a port from 0 (any free one) to 65535, got 70000");
    }

    @Test
    void splitTakesATestShareBelowOne() {
        CliRun run = CliRun.of("", "split", "--data", folder.resolve("absent.csv").toString(), "--label", "y",
                "--test", "1.5", "--out", folder.resolve("parts").toString());
        assertRefusedBeforeReading(run, "split", "--test takes the share of rows for the test, from 0 to below 1,"
                + " got 1.5");
        assertThat(folder.resolve("parts")).doesNotExist();
    }

    @Test
    void aNonNumberIsAUsageError() {
        CliRun run = CliRun.of("", "train", "--data", folder.resolve("absent.csv").toString(), "--label", "y",
                "--epochs", "ten");
        assertRefusedBeforeReading(run, "train", "Invalid value for option '--epochs': 'ten' is not an int");
    }
}
