package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.tensor.Kernels;

/** Options that several commands share mean one thing everywhere, and old spellings still work. */
class SharedOptionsTest {

    private final int threadsBefore = Kernels.threads();

    @TempDir
    Path folder;

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(threadsBefore);
    }

    private byte[] weightsTrainedOn(int threads) throws IOException {
        Path model = folder.resolve("digits-" + threads + ".nn4j");
        // Batches of 128 rows are cut into 4 slices that the threads share.
        CliRun run = CliRun.of("", "train", "--data", TrainCommandTest.DIGITS.toString(), "--label", "digit",
                "--hidden", "48", "--batch", "128", "--epochs", "6", "--dropout", "0.1", "--precision", "float32",
                "--threads", Integer.toString(threads), "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(threads == 1 ? "1 thread" : threads + " threads");
        return Files.readAllBytes(model);
    }

    /** The model file's tensors: everything after the header, which also records the training time. */
    private static byte[] tensors(byte[] file) {
        long headerLength = 0;
        for (int i = 7; i >= 0; i--) {
            headerLength = headerLength << 8 | (file[i] & 0xFF);
        }
        return Arrays.copyOfRange(file, 8 + (int) headerLength, file.length);
    }

    @Test
    void trainingOnOneTwoOrThreeThreadsSavesBitIdenticalWeights() throws IOException {
        byte[] one = tensors(weightsTrainedOn(1));
        assertThat(tensors(weightsTrainedOn(2))).isEqualTo(one);
        assertThat(tensors(weightsTrainedOn(3))).isEqualTo(one);
    }

    @Test
    void aWrongRegularisationOrEarlyStoppingValueIsAUsageErrorBeforeAnyDataIsRead() {
        String[][] mistakes = {{"--l2", "-1", "L2 penalty"}, {"--clip-norm", "-1", "gradient norm limit"},
            {"--weight-decay", "-1", "weight decay"}, {"--momentum", "-1", "momentum"},
            {"--monitor", "bogus", "Early stopping watches one of"}};
        for (String[] mistake : mistakes) {
            CliRun run = CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                    mistake[0], mistake[1]);
            assertThat(run.exitCode()).as(mistake[0]).isEqualTo(2);
            assertThat(run.out()).as(mistake[0]).doesNotContain("Data:");
            assertThat(run.err()).as(mistake[0]).startsWith("nn4j: ").contains(mistake[2]).contains(mistake[1])
                    .contains("Try 'nn4j train --help'");
        }
    }

    @Test
    void theOldSpellingOfHiddenStillWorksWithANote() {
        CliRun run = CliRun.of("", "train", "--dataset", "xor", "--layers", "8", "--epochs", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("W 2×8, b 1×8");
        assertThat(run.err()).contains("--layers is now --hidden");
    }

    @Test
    void allLayerSizesAreSizesInBench() {
        CliRun run = CliRun.of("", "bench", "--sizes", "4,8,2", "--samples", "64", "--batch", "32",
                "--predict-batches", "0", "--rounds", "1", "--seconds", "0.05");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4-8-2");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aBadThreadCountIsRefusedBeforeTheDataIsRead() {
        CliRun run = CliRun.of("", "train", "--data", "no-such-file.csv", "--label", "x", "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threads takes 1 or more, got 0").doesNotContain("no-such-file");
    }
}
