package org.nn4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load-gate.sh, which compare.sh asks before every round whether the machine is quiet enough to measure on. */
class LoadGateTest {

    @TempDir
    Path scratch;

    private ScriptRun gate(String load, String... args) throws IOException, InterruptedException {
        Path loadavg = scratch.resolve("loadavg");
        Files.writeString(loadavg, load + " 0.40 0.30 1/200 4242\n");
        List<String> command = new ArrayList<>(List.of("bash", "load-gate.sh"));
        command.addAll(List.of(args));
        return ScriptRun.of(command, Map.of("LOADAVG_FILE", loadavg.toString(), "LOAD_GATE_POLL_SECONDS", "1"), 60,
                scratch);
    }

    @Test
    void passesAtOnceWhenTheLoadIsBelowTheLimit() throws Exception {
        ScriptRun run = gate("0.20", "0.5", "300", "--strict");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("quiet 0.20\n");
    }

    @Test
    void refusesWithStrictWhenTheLoadStaysAtOrAboveTheLimit() throws Exception {
        ScriptRun run = gate("0.50", "0.5", "0", "--strict");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("load average is 0.50, above 0.5").contains("refusing");
    }

    @Test
    void measuresButSaysBusyWithoutStrict() throws Exception {
        ScriptRun run = gate("3.10", "0.5", "0");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("busy 3.10\n");
    }

    @Test
    void waitsForTheLoadToFallBelowTheLimit() throws Exception {
        Path loadavg = scratch.resolve("loadavg");
        Files.writeString(loadavg, "2.00 0.40 0.30 1/200 4242\n");
        // The gate polls every second: it must still be waiting while the load is high, and pass once it falls.
        ProcessBuilder waiting = new ProcessBuilder("bash", "load-gate.sh", "0.5", "50", "--strict");
        waiting.environment().putAll(Map.of("LOADAVG_FILE", loadavg.toString(), "LOAD_GATE_POLL_SECONDS", "1"));
        Process process = waiting.start();
        Thread.sleep(1500);
        assertThat(process.isAlive()).as("still waiting while the load is 2.00").isTrue();
        Files.writeString(loadavg, "0.30 0.40 0.30 1/200 4242\n");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(new String(process.getInputStream().readAllBytes())).isEqualTo("quiet 0.30\n");
    }
}
