package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.ModelFile;
import org.nn4j.tensor.Precision;

/**
 * What {@code nn4j train} reads and writes: a checkpoint chooses only training maths, outputs never overwrite
 * inputs, bad output paths are found before training, stale temporaries are cleaned, and two runs never share an
 * output.
 */
class TrainFilesTest {

    @TempDir
    Path folder;

    private static final String[] SMALL_RUN = {"train", "--dataset", "moons", "--samples", "200", "--hidden", "4",
        "--epochs", "3", "--early-stopping", "0", "--checkpoint-every", "1"};

    private static String[] args(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private String path(String name) {
        return folder.resolve(name).toString();
    }

    /** A checkpoint of a real run, written before its last epoch. */
    private CheckpointFile.Saved realCheckpoint() throws IOException {
        CliRun run = CliRun.of("", args(SMALL_RUN, "--checkpoint", path("real.ckpt")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return CheckpointFile.read(folder.resolve("real.ckpt"));
    }

    /** The checkpoint with its recorded command replaced, written as a hostile file would be: checksum valid. */
    private Path crafted(CheckpointFile.Saved real, String name, List<String> command) throws IOException {
        Path file = folder.resolve(name);
        CheckpointFile.write(new CheckpointFile.Saved(real.checkpoint(), real.training(), real.preprocessing(),
                command), file);
        return file;
    }

    @Test
    void aCheckpointRecordsOnlyTheTrainingOptions() throws IOException {
        CheckpointFile.Saved saved = realCheckpoint();
        assertThat(saved.command()).containsExactly("--dataset", "moons", "--samples", "200", "--hidden", "4",
                "--epochs", "3", "--early-stopping", "0", "--checkpoint-every", "1");
        CliRun repeated = CliRun.of("", "train", "--dataset", "moons", "--samples", "100", "--hidden", "4",
                "--hidden", "3,2", "--epochs", "2", "--checkpoint-every", "1", "--checkpoint", path("r.ckpt"),
                "--ui-port", "0");
        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
        assertThat(CheckpointFile.read(folder.resolve("r.ckpt")).command()).containsExactly("--dataset", "moons",
                "--samples", "100", "--hidden", "4", "--hidden", "3,2", "--epochs", "2", "--checkpoint-every", "1");
    }

    @Test
    void aCheckpointCannotChooseWhereTheRunWritesOrWhatItListensOn() throws IOException {
        Path victim = folder.resolve("victim.txt");
        Files.writeString(victim, "precious");
        CheckpointFile.Saved real = realCheckpoint();
        List<String> hostile = new ArrayList<>(real.command());
        hostile.addAll(List.of("--save", victim.toString(), "--checkpoint", path("elsewhere.ckpt"), "--plot",
                path("pictures"), "--ui", "--ui-host", "0.0.0.0", "--ui-port", "0"));
        Path evil = crafted(real, "evil.ckpt", hostile);

        CliRun run = CliRun.of("", "train", "--resume", evil.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(folder.resolve("elsewhere.ckpt")).doesNotExist();
        assertThat(folder.resolve("pictures")).doesNotExist();
        assertThat(run.out()).doesNotContain("http://").contains("Resuming from " + evil);
        assertThat(run.err()).containsOnlyOnce("\n").contains("nn4j: warning: ignoring --save, --checkpoint, --plot,"
                + " --ui, --ui-host, --ui-port recorded in " + evil);
    }

    @Test
    void aResumedRunWritesWhereItsOwnCommandLineSaysAndCheckpointsIntoTheResumedFile() throws IOException {
        realCheckpoint();
        Path checkpoint = folder.resolve("real.ckpt");
        long before = Files.getLastModifiedTime(checkpoint).toMillis();
        Path model = folder.resolve("resumed.nn4j");
        CliRun run = CliRun.of("", "train", "--resume", checkpoint.toString(), "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Continuing: nn4j train --dataset moons --samples 200 --hidden 4 --epochs 3"
                + " --early-stopping 0 --checkpoint-every 1 --save " + model);
        assertThat(ModelFile.read(model).training()).containsEntry("epochs_trained", "3");
        // The last checkpoint is the one after the last epoch, from which the run can be extended.
        assertThat(CheckpointFile.read(checkpoint).checkpoint().position()).isEqualTo("before epoch 4");
        assertThat(Files.getLastModifiedTime(checkpoint).toMillis()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void aFloat64CheckpointThatRecordsNoPrecisionResumesInFloat64() throws IOException {
        // As written before float32 became the default: float64 weights, no --precision in the command.
        CliRun run = CliRun.of("", args(SMALL_RUN, "--precision", "float64", "--checkpoint", path("f64.ckpt")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        CheckpointFile.Saved real = CheckpointFile.read(folder.resolve("f64.ckpt"));
        List<String> command = new ArrayList<>(real.command());
        command.removeAll(List.of("--precision", "float64"));
        Path old = crafted(real, "old.ckpt", command);

        CliRun resumed = CliRun.of("", "train", "--resume", old.toString(), "--epochs", "4", "--save",
                path("old.nn4j"));
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(ModelFile.read(folder.resolve("old.nn4j")).network().precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void trainingOptionsCannotChangeOnResumeButTheDataMayComeFromElsewhere() throws IOException {
        realCheckpoint();
        CliRun changed = CliRun.of("", "train", "--resume", path("real.ckpt"), "--lr", "0.5");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("--lr cannot be given with it");

        CliRun otherData = CliRun.of("", "train", "--resume", path("real.ckpt"), "--dataset", "circles");
        assertThat(otherData.exitCode()).isEqualTo(1);
        assertThat(otherData.err()).contains("The training data differ from those the checkpoint was trained on");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRecordedArgumentFileIsNotReadSoACheckpointCannotShowAFileOrHangOnAPipe() throws IOException {
        // picocli reads '@FILE' arguments as more arguments; in a checkpoint's record that would read any file
        // (and print it in the parse error) or block for ever on a pipe or /dev/zero.
        Path secret = folder.resolve("secret.txt");
        Files.writeString(secret, "top-secret-words");
        CheckpointFile.Saved real = realCheckpoint();
        for (String hostileArgument : List.of("@" + secret, "@/dev/zero")) {
            List<String> hostile = new ArrayList<>(real.command());
            hostile.add(hostileArgument);
            Path evil = crafted(real, "argfile.ckpt", hostile);
            CliRun run = CliRun.of("", "train", "--resume", evil.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("no longer parses").contains(hostileArgument)
                    .doesNotContain("top-secret-words");
        }
        List<String> asValue = new ArrayList<>(real.command());
        asValue.addAll(List.of("--label", "@" + secret));
        CliRun run = CliRun.of("", "train", "--resume", crafted(real, "value.ckpt", asValue).toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain("top-secret-words");
    }

    @Test
    void aCheckpointCannotMakeTheResumedRunReadStandardInput() throws IOException {
        CheckpointFile.Saved real = realCheckpoint();
        List<String> hostile = new ArrayList<>(real.command());
        int at = hostile.indexOf("--dataset");
        hostile.set(at, "--data");
        hostile.set(at + 1, "-");
        hostile.addAll(List.of("--label", "label"));
        CliRun run = CliRun.of("a,label\n1,0\n", "train", "--resume", crafted(real, "stdin.ckpt", hostile)
                .toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("nn4j: The checkpoint").contains("records standard input ('-')")
                .doesNotContain("\n");
    }

    @Test
    void aBadOptionOfTheResumingCommandLineIsOneLineNamingNn4jTrainBeforeAnythingContinues() throws IOException {
        realCheckpoint();
        CliRun run = CliRun.of("", "train", "--resume", path("real.ckpt"), "--threads", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("Continuing");
        assertThat(run.err()).isEqualTo("nn4j: --threads takes 1 or more, got 0" + System.lineSeparator()
                + "Try 'nn4j train --help' for the options." + System.lineSeparator());
    }

    @Test
    void aRecordedLayerSizeThatTheWeightsDoNotHaveIsRefusedBeforeAnythingIsBuilt() throws IOException {
        CheckpointFile.Saved real = realCheckpoint();
        List<String> hostile = new ArrayList<>(real.command());
        hostile.set(hostile.indexOf("--hidden") + 1, "200000,200000");
        Path evil = crafted(real, "huge.ckpt", hostile);
        CliRun run = CliRun.of("", "train", "--resume", evil.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("records --hidden 200000,200000 but holds weights of a 2-4-1");
    }

    @Test
    void anOutputThatIsOneOfTheInputsIsRefusedBeforeReadingAnything() throws IOException {
        Path data = folder.resolve("mine.csv");
        Files.copy(TrainCommandTest.IRIS, data);
        byte[] original = Files.readAllBytes(data);
        Path link = Files.createSymbolicLink(folder.resolve("model.nn4j"), data);
        for (String[] outputs : List.of(new String[] {"--save", data.toString()},
                new String[] {"--save", link.toString()}, new String[] {"--checkpoint", data.toString()},
                new String[] {"--test-data", data.toString(), "--save", folder.resolve(".").resolve("mine.csv")
                        .toString()})) {
            CliRun run = CliRun.of("", args(new String[] {"train", "--data", data.toString(), "--label", "species"},
                    outputs));
            assertThat(run.exitCode()).as(String.join(" ", outputs)).isEqualTo(2);
            assertThat(run.err()).contains("is a file this command reads; writing it would destroy it");
            assertThat(run.out()).doesNotContain("Epoch");
            assertThat(Files.readAllBytes(data)).isEqualTo(original);
        }
    }

    @Test
    void unwritableOutputsAreFoundBeforeTheFirstEpoch() throws IOException {
        Path aFolder = Files.createDirectory(folder.resolve("a-folder"));
        Path aFile = Files.writeString(folder.resolve("a-file"), "x");
        for (String[] outputs : List.of(new String[] {"--save", aFolder.toString()},
                new String[] {"--checkpoint", aFolder.toString()},
                new String[] {"--save", aFile.resolve("m.nn4j").toString()},
                new String[] {"--plot", aFile.resolve("pictures").toString()})) {
            CliRun run = CliRun.of("", args(SMALL_RUN, outputs));
            assertThat(run.exitCode()).as(String.join(" ", outputs)).isEqualTo(2);
            assertThat(run.err().lines().findFirst().orElse("")).startsWith("nn4j: " + outputs[0]);
            assertThat(run.out()).doesNotContain("Epoch");
        }
    }

    @Test
    void aReadOnlyFolderIsFoundBeforeTheFirstEpoch() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into read-only folders");
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun run = CliRun.of("", args(SMALL_RUN, "--save", readOnly.resolve("m.nn4j").toString()));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--save: the folder " + readOnly + " is not writable");
            assertThat(run.out()).doesNotContain("Epoch");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFailedCheckpointWriteWarnsOnceAndTheRunGoesOn() throws IOException {
        StringWriter err = new StringWriter();
        CheckpointFile.Saved real = realCheckpoint();
        Path nowhere = folder.resolve("gone").resolve("c.ckpt");
        CheckpointWriter writer = new CheckpointWriter(nowhere, c -> real, new PrintWriter(err, true));
        writer.accept(real.checkpoint());
        writer.accept(real.checkpoint());
        assertThat(err.toString()).containsOnlyOnce("nn4j: warning: Checkpoint file").containsOnlyOnce("\n")
                .contains("training goes on");
        assertThat(writer.lastFailure()).hasMessageContaining("does not exist");
        Files.createDirectory(nowhere.getParent());
        writer.accept(real.checkpoint());
        assertThat(writer.lastFailure()).isNull();
        assertThat(nowhere).exists();
    }

    @Test
    void temporariesLeftByAKilledRunAreRemovedAndNothingElse() throws IOException {
        List<String> stale = List.of(".m.nn4j.4242.tmp", ".m.nn4j.ckpt.7.tmp");
        List<String> others = List.of(".m.nn4j.x.tmp", ".n.nn4j.1.tmp", "m.nn4j.5.tmp");
        for (String name : Stream.concat(stale.stream(), others.stream()).toList()) {
            Files.writeString(folder.resolve(name), "left over");
        }
        CliRun run = CliRun.of("", args(SMALL_RUN, "--save", path("m.nn4j")));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Removed .m.nn4j.4242.tmp, left by an earlier run that was killed.")
                .contains("Removed .m.nn4j.ckpt.7.tmp");
        for (String name : stale) {
            assertThat(folder.resolve(name)).doesNotExist();
        }
        for (String name : others) {
            assertThat(folder.resolve(name)).exists();
        }
    }

    @Test
    void aSecondRunOnTheSameOutputFailsFastNamingTheLockAndTheLockGoesWithTheRun() throws IOException {
        Path model = folder.resolve("shared.nn4j");
        try (RunLock other = RunLock.take(model, "--save")) {
            CliRun second = CliRun.of("", args(SMALL_RUN, "--save", model.toString()));
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err()).isEqualTo("nn4j: Another nn4j run is writing " + model + " (--save): it holds "
                    + model + ".lock (process " + ProcessHandle.current().pid() + "); wait for it to end, or choose"
                    + " another file" + System.lineSeparator());
            assertThat(second.out()).doesNotContain("Epoch");
        }
        CliRun alone = CliRun.of("", args(SMALL_RUN, "--save", model.toString()));
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(folder.resolve("shared.nn4j.lock")).doesNotExist();
        assertThat(folder.resolve("shared.nn4j.ckpt.lock")).doesNotExist();
    }
}
