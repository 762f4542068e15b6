package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.io.Json;

/** {@code nn4j bench} reports what it measured; the figures themselves belong to BENCHMARKS.md, not to tests. */
class BenchCommandTest {

    @Test
    void reportsTheMachineKernelsAndEachThroughput() {
        CliRun run = CliRun.of("", "bench", "--sizes", "6,5,3", "--batch", "4", "--samples", "16", "--seconds", "0.01",
                "--rounds", "1", "--predict-batches", "1,8", "--matmul", "16", "--threads", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) Json.parse(run.out().trim());
        assertThat(report).containsKeys("machine", "kernels", "train_samples_per_second",
                "predict_samples_per_second", "matmul_gflops", "peak_rss_bytes");
        assertThat((String) report.get("network")).isEqualTo("6-5-3 (relu, softmax)");
        assertThat((Long) report.get("threads")).isEqualTo(1L);
        assertThat((Double) report.get("train_samples_per_second")).isPositive();
        assertThat(((Map<?, ?>) report.get("predict_samples_per_second")).keySet()).hasToString("[1, 8]");
    }

    @Test
    void theTextReportNamesEachFigure() {
        CliRun run = CliRun.of("", "bench", "--sizes", "2,2,1", "--batch", "4", "--samples", "4", "--method",
                "numerical", "--seconds", "0.01", "--rounds", "1", "--predict-batches", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Machine:").contains("Kernels:").contains("2-2-1 (relu, sigmoid), 9 parameters")
                .containsPattern("Training: +[0-9,]+ samples/s \\(batch 4, numerical gradient");
    }

    @Test
    void badShapesAreOptionErrors() {
        CliRun run = CliRun.of("", "bench", "--sizes", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--sizes needs at least inputs and outputs");
        CliRun big = CliRun.of("", "bench", "--samples", "10", "--predict-batches", "1024");
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err()).contains("--predict-batches cannot exceed --samples");
    }
}
