package org.nn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare_table.py, which turns the JSON lines of compare.sh's rounds into its tables. */
class CompareTableTest {

    private static final String MACHINE = "\"machine\": \"test CPU\", \"kernels\": \"vector\"";

    @TempDir
    Path scratch;

    private static String nn4jTraining(int round, double load, double samplesPerSecond) {
        return "{\"side\": \"nn4j\", \"round\": " + round + ", \"load\": " + load + ", \"case\": \"mlp32-1\", "
                + MACHINE + ", \"train_samples_per_second\": " + samplesPerSecond + ", \"peak_rss_bytes\": 367001600}";
    }

    private static String torchTraining(int round, double load, String batches, double samplesPerSecond) {
        return "{\"side\": \"peer\", \"round\": " + round + ", \"load\": " + load + ", \"case\": \"mlp-torch-float32\", "
                + "\"threads\": 1, \"batches\": \"" + batches + "\", \"samples_per_second\": " + samplesPerSecond
                + ", \"peak_rss_bytes\": 440401920}";
    }

    /** The tables for {@code rows}, with one core's limit set to 100 GFLOP/s in float32 and 50 in float64. */
    private String table(List<String> rows) throws IOException, InterruptedException {
        Path results = scratch.resolve("results.jsonl");
        Files.write(results, rows);
        Path peak = scratch.resolve("peak.json");
        Files.writeString(peak, "{\"float32_gflops\": 100.0, \"float64_gflops\": 50.0, \"how\": \"a test limit\"}");
        ScriptRun run = ScriptRun.of(List.of("python3", "compare_table.py", results.toString(), "--peak-json",
                peak.toString()), Map.of(), 60, scratch);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    private static List<String> twoRounds(double firstLoad, double secondLoad) {
        return new ArrayList<>(List.of(
                torchTraining(1, firstLoad, "gathered", 50_000), torchTraining(1, firstLoad, "contiguous", 60_000),
                nn4jTraining(1, firstLoad, 66_000),
                torchTraining(2, secondLoad, "gathered", 52_000), torchTraining(2, secondLoad, "contiguous", 62_000),
                nn4jTraining(2, secondLoad, 64_000)));
    }

    @Test
    void headsTheTablesMeasuredUnderLoadWhenARoundStartedAtOrAboveHalf() throws Exception {
        String out = table(twoRounds(0.2, 1.7));

        assertThat(out).contains("MEASURED UNDER LOAD 1.70: medians of 2 interleaved rounds, of which 1 started with"
                + " the 1-minute load average at or above 0.5");
        assertThat(out).contains("load average before each round: 0.20, 1.70");
    }

    @Test
    void leavesQuietRoundsUnmarked() throws Exception {
        String out = table(twoRounds(0.2, 0.3));

        assertThat(out).doesNotContain("UNDER LOAD").contains("medians of 2 interleaved rounds\n");
    }

    @Test
    void reportsPyTorchsFasterWayOfFeedingBatchesWithTheOtherBeside() throws Exception {
        String out = table(twoRounds(0.2, 0.3));

        // medians: contiguous 61,000, gathered 51,000, nn4j 65,000; 65,000 / 61,000 = 1.066
        assertThat(out).contains("| (c) MLP training, 1 thread (samples/s) | PyTorch float32, contiguous batches 61,000"
                + " (gathered 51,000) | 65,000 (float32) | 1.07× |");
    }

    @Test
    void givesEachSpeedAsAShareOfOneCoresLimit() throws Exception {
        String out = table(twoRounds(0.2, 0.3));

        // A training step of 784-256-128-10 costs 2·(784·256 + 256·128 + 128·10) = 469,504 FLOP forward, as many for
        // the weight gradients and 2·(256·128 + 128·10) = 68,096 for the input gradients: 1,007,104 per sample.
        // 61,000 × 1,007,104 = 61.43 GFLOP/s and 65,000 × 1,007,104 = 65.46 GFLOP/s of the test's 100.
        assertThat(out).contains("| 1.07× | 61% / 65% | 420 / 350 MiB |");
    }

    @Test
    void comparesTheJavaPeersPredictionWithNn4js() throws Exception {
        List<String> rows = twoRounds(0.2, 0.3);
        for (int round = 1; round <= 2; round++) {
            rows.add("{\"side\": \"java-onnxruntime\", \"round\": " + round + ", \"load\": 0.2, \"library\": "
                    + "\"ONNX Runtime 1.23.2\", \"case\": \"predict\", \"batch\": 1024, \"samples_per_second\": "
                    + (180_000 + 20_000 * round) + ", \"peak_rss_bytes\": 104857600}");
            rows.add("{\"side\": \"nn4j\", \"round\": " + round + ", \"load\": 0.2, \"case\": \"predict32\", " + MACHINE
                    + ", \"predict_samples_per_second\": {\"1\": 50000, \"1024\": 230000}, \"peak_rss_bytes\": "
                    + "209715200}");
        }

        String out = table(rows);

        // medians 210,000 and 230,000: 210,000 × 469,504 FLOP = 98.6 GFLOP/s; 230,000 × 469,504 = 108.0 GFLOP/s;
        // 230,000 / 210,000 = 1.095
        assertThat(out).contains("| (d) MLP prediction, batch 1024 (samples/s) | ONNX Runtime 1.23.2 210,000 | 230,000"
                + " (float32) | 1.10× | 99% / 108% | 100 / 200 MiB |");
    }

    @Test
    void reportsRuntimeSizeAndTheMedianStartToFirstPrediction() throws Exception {
        List<String> rows = twoRounds(0.2, 0.3);
        rows.add("{\"side\": \"size\", \"library\": \"djl\", \"round\": 0, \"load\": 0, \"jar_bytes\": 104857600}");
        for (int ms : new int[] {1500, 900, 1200}) {
            rows.add("{\"side\": \"java-djl\", \"round\": 1, \"load\": 0.2, \"library\": "
                    + "\"DJL 0.36.0 (PyTorch 2.7.1)\", \"case\": \"first-prediction\", \"ms\": " + ms
                    + ", \"native_bytes\": 452984832, \"peak_rss_bytes\": 178257920}");
        }

        String out = table(rows);

        assertThat(out).contains("| DJL 0.36.0 (PyTorch 2.7.1) | 100 / 432 | 1,200 (median of 3) | 170 |");
    }

    @Test
    void listsTheClosestComparisonsRoundByRound() throws Exception {
        String out = table(twoRounds(0.2, 0.3));

        assertThat(out).contains("| round by round | who | round 1 | round 2 |");
        assertThat(out).contains("| training, 1 thread (samples/s) | nn4j float32 | 66,000 | 64,000 |");
        // each round's faster way of feeding PyTorch its batches (contiguous in both)
        assertThat(out).contains("| training, 1 thread (samples/s) | PyTorch float32, best way | 60,000 | 62,000 |");
        assertThat(out).doesNotContain("| prediction, batch 1024");
    }

    @Test
    void comparesTheTutorialsWholeJobWithNumpysEpochTimesTheEpochs() throws Exception {
        List<String> rows = twoRounds(0.2, 0.3);
        for (int round = 1; round <= 2; round++) {
            rows.add("{\"side\": \"peer\", \"round\": " + round + ", \"load\": 0.2, \"case\": \"xor-numpy\", "
                    + "\"us_per_epoch\": " + (240 + 20 * round) + ", \"peak_rss_bytes\": 34603008}");
            rows.add("{\"side\": \"nn4j\", \"round\": " + round + ", \"load\": 0.2, \"case\": \"xor-job\", "
                    + "\"epochs\": 1000000, \"seconds\": " + (1.0 + round) + "}");
        }

        String out = table(rows);

        // medians: numpy 270 µs an epoch, so 270 s for 1,000,000 epochs; nn4j 2.5 s; 270 / 2.5 = 108
        assertThat(out).contains("| (a) the tutorial's whole job, 1,000,000 epochs, one process (s) | numpy 270.0 (its"
                + " epoch × 1,000,000) | 2.50 | 108× faster | | |");
        assertThat(out).contains("| the tutorial's whole job (s) | nn4j | 2.00 | 3.00 |");
    }
}
