package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Network;

/**
 * Kills real training processes (the packaged jar) with SIGKILL, SIGINT and SIGTERM, resumes each time
 * from the last checkpoint, and checks that the model that finally comes out is bit for bit the one an
 * uninterrupted run makes.
 */
class CrashResumeIT {

    private static final Path JAR = Path.of("target", "nn4j.jar").toAbsolutePath();

    @TempDir
    Path folder;

    /** A training process whose standard output is collected line by line as it comes. */
    private static final class Run {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread reader;

        Run(Path folder, List<String> args) throws IOException {
            List<String> command = new ArrayList<>(List.of("java", "--add-modules", "jdk.incubator.vector", "-jar",
                    JAR.toString()));
            command.addAll(args);
            process = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // The process was killed; what was read is kept.
                }
            });
            reader.start();
        }

        /** Waits until a line matches; false if the process ended first. */
        boolean awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (lines.stream().anyMatch(wanted)) {
                    return true;
                }
                if (!process.isAlive()) {
                    reader.join(5000);
                    return lines.stream().anyMatch(wanted);
                }
                Thread.sleep(5);
            }
            throw new AssertionError("No matching line within 60 s; got " + lines);
        }

        int finish() throws InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the run ended in time").isTrue();
            reader.join(5000);
            return process.exitValue();
        }
    }

    private List<String> trainArgs(String model) {
        return trainArgs(model, 60);
    }

    private List<String> trainArgs(String model, int epochs) {
        return List.of("train", "--dataset", "spirals", "--samples", "1500", "--hidden", "32,32", "--epochs",
                Integer.toString(epochs), "--early-stopping", "0", "--seed", "3", "--checkpoint-every", "1", "--save",
                model);
    }

    private static void assertSameWeights(Path actual, Path expected) throws IOException {
        Network a = ModelFile.read(actual).network();
        Network e = ModelFile.read(expected).network();
        for (int i = 0; i < e.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value().sameBits(e.parameters().get(i).value()))
                    .as(e.parameters().get(i).name()).isTrue();
        }
    }

    private Path uninterrupted() throws Exception {
        return uninterrupted(60);
    }

    private Path uninterrupted(int epochs) throws Exception {
        Run run = new Run(folder, trainArgs("reference.nn4j", epochs));
        assertThat(run.finish()).as(String.join("\n", run.lines)).isZero();
        return folder.resolve("reference.nn4j");
    }

    /** The epoch number of an epoch line: {@code Epoch  12/150  loss …} gives 12. */
    private static int epochOf(String line) {
        return Integer.parseInt(line.substring("Epoch".length(), line.indexOf('/')).strip());
    }

    @Test
    void killedWithSigkillAtRandomMomentsAndResumedEachTimeItEndsWithTheUninterruptedWeights() throws Exception {
        // Long enough that no attempt finishes before it is killed: a finished run leaves a checkpoint after its
        // last epoch, from which a further attempt has no epoch left to be killed in.
        int epochs = 150;
        Path reference = uninterrupted(epochs);
        Path checkpoint = folder.resolve("crashed.nn4j.ckpt");
        Random random = new Random(20261129);
        int kills = 0;
        int target = 0;
        List<String> log = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            List<String> args = Files.exists(checkpoint)
                    ? List.of("train", "--resume", checkpoint.toString(), "--save", "crashed.nn4j")
                    : trainArgs("crashed.nn4j", epochs);
            Run run = new Run(folder, args);
            // Wait for a random later epoch of the run (so that no attempt can finish first, however fast the
            // machine), then a random moment inside the next epoch, and kill it without warning.
            target += 5 + random.nextInt(25);
            int wanted = target;
            if (!run.awaitLine(l -> l.startsWith("Epoch") && epochOf(l) >= wanted)) {
                break;
            }
            long delay = random.nextInt(15);
            Thread.sleep(delay);
            run.process.destroyForcibly();
            run.finish();
            kills++;
            log.add("killed " + delay + " ms after epoch " + wanted + ", at " + run.lines.stream()
                    .filter(l -> l.startsWith("Epoch")).reduce((a, b) -> b).orElse("?"));
        }
        System.out.println("SIGKILL moments: " + log);
        assertThat(kills).as("the runs were killed while training").isGreaterThanOrEqualTo(3);
        assertThat(checkpoint).exists();
        Run last = new Run(folder, List.of("train", "--resume", checkpoint.toString(), "--save", "crashed.nn4j"));
        assertThat(last.finish()).as(String.join("\n", last.lines)).isZero();
        assertThat(last.lines).anyMatch(l -> l.startsWith("Resuming from"));
        assertSameWeights(folder.resolve("crashed.nn4j"), reference);
    }

    @Test
    void ctrlCSavesACheckpointExitsWith130AndTheResumedRunEndsWithTheUninterruptedWeights() throws Exception {
        stopsWithASignalSavesACheckpointAndResumesExactly("INT", 130);
    }

    @Test
    void sigtermSavesACheckpointExitsWith143AndTheResumedRunEndsWithTheUninterruptedWeights() throws Exception {
        stopsWithASignalSavesACheckpointAndResumesExactly("TERM", 143);
    }

    private void stopsWithASignalSavesACheckpointAndResumesExactly(String signal, int exitCode) throws Exception {
        // Epochs enough that the signal lands mid-run: 60 of them took under 0.6 s in float32.
        int epochs = 600;
        Path reference = uninterrupted(epochs);
        Run run = new Run(folder, trainArgs("interrupted.nn4j", epochs));
        assertThat(run.awaitLine(l -> l.matches("Epoch +3/.*"))).isTrue();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(run.process.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(run.finish()).as(String.join("\n", run.lines)).isEqualTo(exitCode);
        assertThat(run.lines).anyMatch(l -> l.startsWith("Interrupted after ") && l.endsWith(
                "continue with: nn4j train --resume interrupted.nn4j.ckpt --save interrupted.nn4j"));
        assertThat(folder.resolve("interrupted.nn4j.ckpt")).exists();
        assertThat(folder.resolve("interrupted.nn4j")).doesNotExist();
        assertThat(folder.resolve("interrupted.nn4j.lock")).doesNotExist();

        Run resumed = new Run(folder, List.of("train", "--resume", "interrupted.nn4j.ckpt", "--save",
                "interrupted.nn4j"));
        assertThat(resumed.finish()).as(String.join("\n", resumed.lines)).isZero();
        assertSameWeights(folder.resolve("interrupted.nn4j"), reference);
    }

    @Test
    void aSecondRunOnTheSameModelFileFailsFastWhileTheFirstTrains() throws Exception {
        // Far more epochs than it will be given time for: it is still training when the second run starts.
        List<String> endless = new ArrayList<>(trainArgs("shared.nn4j"));
        endless.set(endless.indexOf("--epochs") + 1, "1000000");
        Run first = new Run(folder, endless);
        assertThat(first.awaitLine(l -> l.startsWith("Epoch"))).isTrue();
        Run second = new Run(folder, trainArgs("shared.nn4j"));
        assertThat(second.finish()).isEqualTo(1);
        assertThat(second.lines).noneMatch(l -> l.startsWith("Epoch"));
        first.process.destroyForcibly();
        first.finish();
    }
}
