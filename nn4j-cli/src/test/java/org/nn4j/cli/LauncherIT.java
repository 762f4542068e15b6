package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code ./nn4j} launcher at the repository root, as a user would, with piped standard input. Runs
 * after {@code package}, so the launcher finds the jar up to date and does not build.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    record Result(int exitCode, String out, String err) {
    }

    private static Result nn4j(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("nn4j").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("nn4j-out", ".txt");
        Path err = Files.createTempFile("nn4j-err", ".txt");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("nn4j finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void xorTrainsAndAnswersThePromptFromPipedInput() throws Exception {
        Result run = nn4j("0\n1\nnot a number\n1 1\n", "xor");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Epoch 500, Loss: ", "the network learned XOR")
                .containsSubsequence("Input a: Input b: Prediction: 0.9",
                        "Input a: Invalid input. Please enter a numeric value.",
                        "Input a: Prediction: 0.0");
        assertThat(run.err()).doesNotContain("building");
    }

    @Test
    void savedModelAnswersThroughPredict() throws Exception {
        Path model = folder.resolve("xor.nn4j");
        Result train = nn4j("quit\n", "xor", "--save", model.toString());
        assertThat(train.exitCode()).isZero();
        Result predict = nn4j("1 0\nwhat\nquit\n", "predict", model.toString());
        assertThat(predict.exitCode()).isZero();
        assertThat(predict.out()).contains("Input a: Prediction: 0.9")
                .contains("Invalid input. Please enter a numeric value.");
        Result rows = nn4j("a,b\n0,0\n1,1\n", "predict", model.toString(), "--input", "-");
        assertThat(rows.out().lines()).hasSize(3).first().isEqualTo("prediction");
    }

    @Test
    void userMistakesGiveAMessageAndNonZeroExitWithoutAStackTrace() throws Exception {
        Result missing = nn4j("", "predict", folder.resolve("absent.nn4j").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("absent.nn4j': does not exist").doesNotContain("\tat ");
        Result badOption = nn4j("", "xor", "--hidden", "two");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.err()).contains("--hidden").doesNotContain("\tat ");
    }

    @Test
    void aMessageQuotingANulByteIsShownNotCalledBinary() throws Exception {
        Path model = folder.resolve("xor.nn4j");
        assertThat(nn4j("quit\n", "xor", "--save", model.toString()).exitCode()).isZero();
        Result run = nn4j("1,a\0b\n", "predict", model.toString(), "--input", "-");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nn4j: Line 1 of standard input, column 2: expected a number")
                .doesNotContain("binary file matches");
    }

    @Test
    void launcherIsExecutable() {
        assertThat(new File(ROOT.toFile(), "nn4j").canExecute()).isTrue();
    }
}
