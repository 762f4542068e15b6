package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.io.Json;

class ExplainCommandTest {

    @Test
    void theDefaultWalksThroughTheTutorialsFirstStep() {
        CliRun run = CliRun.of("", "explain");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("One training step of the 2-2-1 (relu, sigmoid) network",
                "Layer 1: z1 = x·W1 + b1, a1 = relu(z1)", "Loss before the step: 1.501733",
                "2. Gradient, one parameter at a time (ε = 1e-5)", "3. Update", "Loss after the step: 1.475305");
        // A row per parameter in the gradient table: name, θ, θ + ε, loss, numerical, backprop, difference.
        assertThat(run.out()).containsPattern("W1\\[1,1] +1\\.764052 +1\\.764062 +1\\.5017356924 +0\\.22528128"
                + " +0\\.22528122 +5\\.63e-08");
    }

    @Test
    void jsonAndMarkdownCarryTheSameStep() {
        CliRun json = CliRun.of("", "explain", "--format", "json", "--update-with", "backprop", "--seed", "3");
        assertThat(json.exitCode()).as(json.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(json.out().trim());
        assertThat(parsed.get("update_uses")).isEqualTo("backprop");
        assertThat((List<?>) parsed.get("parameters")).hasSize(9);
        CliRun markdown = CliRun.of("", "explain", "--format", "markdown", "--hidden", "3");
        assertThat(markdown.out()).contains("## 2. Gradient", "| parameter", "2-3-1 (relu, sigmoid)");
    }

    @Test
    void badOptionsGetOneLineAndExitCode2() {
        CliRun format = CliRun.of("", "explain", "--format", "html");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format takes table, markdown or json, got 'html'");
        CliRun gradient = CliRun.of("", "explain", "--update-with", "magic");
        assertThat(gradient.exitCode()).isEqualTo(2);
        assertThat(gradient.err()).contains("--update-with takes numerical or backprop");
    }
}
