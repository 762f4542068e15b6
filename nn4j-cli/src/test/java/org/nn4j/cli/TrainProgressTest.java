package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.CheckpointFile;

/** What {@code nn4j train} prints as it goes: epoch lines, the bar with its ETA, plain lines off a terminal. */
class TrainProgressTest {

    /** 200 rows of moons: 140 training rows, so 5 mini-batches of 32 (the last of 12) per epoch. */
    private static final String[] MOONS = {"train", "--dataset", "moons", "--samples", "200"};

    /** A clock that moves one second at every reading: the printer reads it once per event. */
    private static LongSupplier secondPerReading() {
        AtomicLong now = new AtomicLong();
        return () -> now.addAndGet(1_000_000_000L);
    }

    private static String[] moons(String... more) {
        String[] args = Arrays.copyOf(MOONS, MOONS.length + more.length);
        System.arraycopy(more, 0, args, MOONS.length, more.length);
        return args;
    }

    private static List<Integer> epochLines(String out) {
        Matcher m = Pattern.compile("(?m)^Epoch +(\\d+)/\\d+  loss").matcher(out);
        List<Integer> epochs = new ArrayList<>();
        while (m.find()) {
            epochs.add(Integer.parseInt(m.group(1)));
        }
        return epochs;
    }

    @Test
    void quietPrintsTheResultButNoEpochLinesProgressOrPreamble() {
        CliRun run = CliRun.on(Terminal.none(), secondPerReading(), "", moons("--epochs", "12", "--quiet"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("Epoch", "Data:", "Training:", "Total parameters")
                .startsWith("Trained 12 epochs; kept the weights of epoch").contains("Test set (40 rows):");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyNPrintsEveryNthEpochAndTheFirstTheBestAndTheLast() {
        // A high rate makes validation loss bottom out early, so early stopping ends the run after the best epoch.
        CliRun run = CliRun.of("", moons("--epochs", "200", "--lr", "0.05", "--early-stopping", "6", "--every",
                "5"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher stop = Pattern.compile("Stopped early after epoch (\\d+): .* kept the weights of epoch (\\d+)")
                .matcher(run.out());
        assertThat(stop.find()).as(run.out()).isTrue();
        int last = Integer.parseInt(stop.group(1));
        int best = Integer.parseInt(stop.group(2));
        assertThat(best % 5).as("a best epoch that --every skips").isNotZero();
        assertThat(last % 5).as("a last epoch that --every skips").isNotZero();
        List<Integer> expected = new ArrayList<>(List.of(1));
        for (int e = 5; e < last; e += 5) {
            expected.add(e);
        }
        expected.add(best);
        expected.add(last);
        assertThat(epochLines(run.out())).containsExactlyElementsOf(expected);
        assertThat(run.out()).containsPattern("(?m)^Epoch +" + best + "/200  loss .*  lr [0-9.]+  \\(best\\)$");
    }

    @Test
    void offATerminalAPlainProgressLineComesEveryFiveSecondsWithoutCarriageReturns() {
        // Readings: start 1 s; epoch 1 starts at 2 s, batches end at 3..7 s; 5 s after the start is batch 4.
        CliRun run = CliRun.on(Terminal.none(), secondPerReading(), "", moons("--epochs", "3"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\r");
        List<String> progress = run.out().lines().filter(l -> l.contains("batches,")).toList();
        assertThat(progress).hasSize(3);
        // Epoch 1 is timed from its batches: 4 s for 4 of 5, so 1 s for the last and 5 s for each of the 2 epochs left.
        assertThat(progress.get(0)).matches("Epoch 1/3: 4/5 batches, loss \\d\\.\\d{4} \\(mean so far\\), ETA ≤ 11s");
    }

    @Test
    void theEtaIsTheEpochsLeftTimesTheRecentEpochTimeAndExactWithoutEarlyStopping() {
        CliRun run = CliRun.on(Terminal.none(), secondPerReading(), "", moons("--epochs", "3", "--early-stopping",
                "0"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> progress = run.out().lines().filter(l -> l.contains("batches,")).toList();
        // Epoch 1 took 8 s start to start (5 batches, its line, its start): 1 s of epoch 2 and all of epoch 3 left.
        assertThat(progress.get(0)).endsWith(", ETA 11s");
        assertThat(progress.get(1)).startsWith("Epoch 2/3: 4/5 batches").endsWith(", ETA 9s");
    }

    @Test
    void theBarShowsTheEpochsMeanLossSoFarNotTheLastMiniBatches() {
        // 140 training rows in 4 equal batches of 35: the mean of the batch means is the epoch's loss.
        CliRun run = CliRun.on(new Terminal(true, 100), secondPerReading(), "", moons("--epochs", "1", "--batch",
                "35"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher bar = Pattern.compile("\rEpoch 1/1 \\[=+] 4/4  loss ([0-9.]+)  ETA ≤ 0s").matcher(run.out());
        assertThat(bar.find()).as(run.out()).isTrue();
        Matcher line = Pattern.compile("(?m)^Epoch 1/1  loss ([0-9.]+)").matcher(run.out());
        assertThat(line.find()).isTrue();
        assertThat(bar.group(1)).isEqualTo(line.group(1));
    }

    @Test
    void onANarrowTerminalNoRedrawnLineReachesTheLastColumn() {
        for (int columns : new int[] {20, 30, 50, 80}) {
            CliRun run = CliRun.on(new Terminal(true, columns), secondPerReading(), "", moons("--epochs", "2"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            // Between two carriage returns: a row that is redrawn in place (a finished line ends with a line end).
            List<String> redrawn = Arrays.stream(run.out().split("\r")).skip(1).filter(p -> !p.contains("\n"))
                    .toList();
            assertThat(redrawn).as("redraws at %d columns", columns).hasSizeGreaterThan(10);
            for (String row : redrawn) {
                assertThat(row.length()).as("'%s' at %d columns", row, columns).isLessThan(columns);
            }
        }
    }

    @Test
    void theBarKeepsTheEtaWhenTheTerminalIsTooNarrowForTheBarAndTheLoss() {
        CliRun narrow = CliRun.on(new Terminal(true, 30), secondPerReading(), "", moons("--epochs", "2"));
        assertThat(narrow.out()).contains("\rEpoch 1/2 5/5  ETA ≤ ").doesNotContain("[=");
        CliRun wide = CliRun.on(new Terminal(true, 120), secondPerReading(), "", moons("--epochs", "2"));
        assertThat(wide.out()).containsPattern("\rEpoch 1/2 \\[={30}] 5/5  loss [0-9.]+  ETA ≤ \\d+s");
    }

    @Test
    void everyBelowOneAndEveryWithQuietAreRefusedBeforeTraining() {
        CliRun zero = CliRun.of("", moons("--every", "0"));
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("nn4j: --every takes a number of epochs of 1 or more, got 0");
        assertThat(zero.out()).isEmpty();
        CliRun both = CliRun.of("", moons("--every", "3", "--quiet"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("nn4j: --quiet prints no epoch lines");
    }

    @Test
    void aResumedRunTakesQuietAndEveryFromItsOwnCommandLineAndNeverRecordsThem(@TempDir Path folder)
            throws IOException {
        Path checkpoint = folder.resolve("run.ckpt");
        CliRun first = CliRun.of("", moons("--epochs", "6", "--early-stopping", "0", "--every", "2",
                "--checkpoint-every", "4", "--checkpoint", checkpoint.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(epochLines(first.out())).containsExactly(1, 2, 4, 6);
        assertThat(CheckpointFile.read(checkpoint).command()).doesNotContain("--every", "--quiet");
        // A finished run keeps a checkpoint after its last epoch, which --epochs extends.
        assertThat(CheckpointFile.read(checkpoint).checkpoint().position()).isEqualTo("before epoch 7");

        CliRun quiet = CliRun.of("", "train", "--resume", checkpoint.toString(), "--quiet", "--epochs", "8");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).doesNotContain("Epoch", "Resuming from").contains("Trained 8 epochs");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void xorTakesTheSameQuietAndEvery() {
        CliRun quiet = CliRun.of("", "xor", "--quiet", "--no-prompt");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).doesNotContain("Epoch", "Training XOR").contains("the network learned XOR");
        CliRun zero = CliRun.of("", "xor", "--every", "0", "--no-prompt");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).startsWith("nn4j: --every takes a number of epochs of 1 or more, got 0");
    }
}
