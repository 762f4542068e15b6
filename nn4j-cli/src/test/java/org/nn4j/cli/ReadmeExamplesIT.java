package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's shell examples as a new user would, top to bottom, in one empty folder: every {@code $ }
 * command of {@link ReadmeExample}'s convention through bash, with {@code ./nn4j} a link to the real launcher (so
 * the launcher is also run through a link). Each must exit as the README says and print what the README shows
 * ({@link ReadmeOutput}), so a figure the README quotes is a figure the code gives. Runs after {@code package}, so
 * the launcher finds its jar up to date.
 */
class ReadmeExamplesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void everyReadmeExampleRunsFromAFreshCloneAndPrintsWhatTheReadmeShows() throws Exception {
        List<ReadmeExample> examples = ReadmeExample.parse(Files.readAllLines(ROOT.resolve("README.md")));
        assertThat(examples).as("README examples found").hasSizeGreaterThan(15);
        // What a fresh clone's root holds that the examples use: the launcher and the PyTorch fixtures.
        Files.createSymbolicLink(folder.resolve("nn4j"), ROOT.resolve("nn4j"));
        Files.createSymbolicLink(folder.resolve("interop"), ROOT.resolve("interop"));
        for (ReadmeExample example : examples) {
            run(example);
        }
    }

    private void run(ReadmeExample example) throws Exception {
        String command = example.commandToRun();
        // exec: a Ctrl-C sent to the process reaches nn4j itself, as a terminal's would.
        Process process = new ProcessBuilder("bash", "-c", example.interruptAfter() != null ? "exec " + command
                : command).directory(folder.toFile()).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        StringBuffer out = new StringBuffer();
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.append(line).append('\n');
                    if (example.interruptAfter() != null && !interrupted.get()
                            && line.contains(example.interruptAfter())) {
                        interrupted.set(true);
                        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (var stdin = process.getOutputStream()) {
            stdin.write(example.stdin().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A command that reads no input may have finished before being given it.
        }
        String where = "README.md line " + example.line() + ": $ " + command;
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(where + " finished in time").isTrue();
        reading.join();
        String output = out + err.join();
        assertThat(process.exitValue()).as(where + "\n" + output).isEqualTo(example.exitCode());
        assertThat(ReadmeOutput.firstMissing(example.expectedOutput(), example.stdin(), out.toString(), err.join()))
                .as(where + ": the first line the README shows that the run did not print\n" + output).isNull();
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
