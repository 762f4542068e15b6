package org.nn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** machine_peak.py: one core's FLOP per cycle × clock, from the CPU that /proc/cpuinfo describes. */
class MachinePeakTest {

    @TempDir
    Path scratch;

    private String limitFor(String vendor, int family, int model, String name, String flags) throws Exception {
        Path cpuinfo = scratch.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: " + family
                + "\nmodel\t\t: " + model + "\nmodel name\t: " + name + "\ncpu MHz\t\t: 2600.000\nflags\t\t: " + flags
                + "\n\nprocessor\t: 1\n");
        ScriptRun run = ScriptRun.of(List.of("python3", "machine_peak.py", "--cpuinfo", cpuinfo.toString()), Map.of(),
                60, scratch);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void zen4RunsAvx512OnTwo256BitPipes() throws Exception {
        // 2 FLOP per FMA × 8 float32 lanes × 2 pipes = 32 FLOP per cycle; × 2.6 GHz = 83.2 GFLOP/s
        String out = limitFor("AuthenticAMD", 25, 17, "AMD EPYC 9R14", "fma avx2 avx512f");

        assertThat(out).startsWith("one core's limit: 83.2 GFLOP/s in float32, 41.6 in float64 (32 (float32) and 16"
                + " (float64) FLOP per cycle: AMD family 25 model 17 (Zen 3/4)");
        assertThat(out).contains("AVX-512 runs as two 256-bit halves").contains("× 2600 MHz from /proc/cpuinfo");
    }

    @Test
    void zen5ServerCoreHasTwo512BitPipes() throws Exception {
        // 2 × 16 float32 lanes × 2 pipes = 64 FLOP per cycle; × 2.6 GHz = 166.4 GFLOP/s
        String out = limitFor("AuthenticAMD", 26, 2, "AMD EPYC", "fma avx2 avx512f");

        assertThat(out).startsWith("one core's limit: 166.4 GFLOP/s in float32, 83.2 in float64");
    }

    @Test
    void aCpuWithoutFmaCountsAMultiplyAndAnAdd() throws Exception {
        // 8 float32 lanes multiplied and 8 added per cycle = 16 FLOP; × 2.6 GHz = 41.6 GFLOP/s
        String out = limitFor("GenuineIntel", 6, 42, "Intel Xeon E5", "sse2 avx");

        assertThat(out).startsWith("one core's limit: 41.6 GFLOP/s in float32, 20.8 in float64");
    }
}
