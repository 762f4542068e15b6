package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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

    private static Process start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    private static Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("nn4j").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs the launcher and reads both outputs through pipes to their end, as callers that capture them do. */
    private static Result nn4j(String stdin, String... args) throws IOException, InterruptedException {
        return nn4j(Map.of(), stdin, args);
    }

    /** As {@link #nn4j(String, String...)}, with more environment variables. */
    private static Result nn4j(Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        Process process = start(environment, args);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("nn4j finished in time").isTrue();
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sigtermSentToTheLauncherReachesNn4jWhichSavesACheckpoint() throws Exception {
        Path model = folder.resolve("spirals.nn4j");
        Process process = start("train", "--dataset", "spirals", "--samples", "3000", "--hidden", "128,128",
                "--epochs", "400", "--early-stopping", "0", "--save", model.toString());
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        StringBuffer out = new StringBuffer();
        CountDownLatch secondEpoch = new CountDownLatch(1);
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.append(line).append('\n');
                    if (line.matches("Epoch +2/.*")) {
                        secondEpoch.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(secondEpoch.await(120, TimeUnit.SECONDS)).as("training started: " + out).isTrue();
        // What `kill PID` or a supervisor sends: SIGTERM to the launcher's own process only. (Process.destroy would
        // also close the pipes this test still reads.)
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("nn4j stopped after the signal").isTrue();
        reading.join();
        assertThat(process.exitValue()).as(out + err.join()).isEqualTo(143);
        assertThat(err.join()).contains("SIGTERM: stopping after this mini-batch").doesNotContain("\tat ");
        assertThat(out.toString()).contains("Saved a checkpoint to " + model + ".ckpt");
        assertThat(Files.exists(Path.of(model + ".ckpt"))).isTrue();
        assertThat(Files.exists(model)).isFalse();
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
    void launcherLinkedOntoAPathFolderRunsFromAnyFolder() throws Exception {
        // As a user puts nn4j on PATH: a link in a bin folder, reached through a second, relative link.
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("nn4j"), ROOT.resolve("nn4j"));
        Files.createSymbolicLink(folder.resolve("nn4j-again"), Path.of("bin", "nn4j"));
        Path elsewhere = Files.createDirectories(folder.resolve("work"));
        Process process = new ProcessBuilder(folder.resolve("nn4j-again").toString(), "xor", "--no-prompt")
                .directory(elsewhere.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = readAll(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("nn4j finished in time").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("the network learned XOR").doesNotContain("building", "reactor");
    }

    @Test
    void keepsAnArchiveOfItsClassesBesideTheJarAndIgnoresABrokenOne() throws Exception {
        assertThat(nn4j("", "--version").exitCode()).isZero();
        Path jar = ROOT.resolve("nn4j-cli/target/nn4j.jar");
        List<Path> archives;
        try (var files = Files.list(jar.getParent())) {
            archives = files.filter(f -> f.getFileName().toString().matches("nn4j-\\d+\\.jsa")).toList();
        }
        assertThat(archives).as("an archive made after the build").isNotEmpty();
        Result loading = nn4j(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), "", "--version");
        assertThat(loading.out()).contains("org.nn4j.cli.Main source: shared objects file");

        // Not an archive at all, newer than the jar: the JVM leaves it unused, and says nothing on standard output.
        for (Path archive : archives) {
            archive.toFile().setWritable(true);
            Files.writeString(archive, "not an archive");
        }
        Result version = nn4j("", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).isEqualTo("nn4j 0.1.0" + System.lineSeparator());
        for (Path archive : archives) {
            Files.delete(archive); // the next run makes a good one again
        }
    }

    @Test
    void launcherIsExecutable() {
        assertThat(new File(ROOT.toFile(), "nn4j").canExecute()).isTrue();
    }
}
