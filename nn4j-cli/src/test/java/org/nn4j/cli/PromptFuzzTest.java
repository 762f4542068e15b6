package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

/**
 * Coverage-guided fuzzing of what the prompts make of typed input: whatever is typed, the tutorial's prompt and
 * the table prompt answer or explain, never throw, and end at the end of input.
 */
class PromptFuzzTest {

    private static final Network XOR = Network.builder(2).dense(2, Activations.RELU).dense(1, Activations.SIGMOID)
            .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(1));

    private static final Table TABLE = Table.of("t", List.of("size", "colour", "label"), List.of(
            new String[] {"1.5", "red", "a"}, new String[] {"2.5", "blue", "b"}, new String[] {"0.5", "red", "b"}));
    private static final Preprocessing PREP = Preprocessing.fit(TABLE, "label", Task.BINARY, TABLE.allRows());
    private static final Network TABLE_NETWORK = Network.builder(PREP.inputs()).dense(1, Activations.SIGMOID)
            .build(Initializers.XAVIER, RandomSource.seeded(2));

    @FuzzTest(maxDuration = "60s")
    void promptInput(FuzzedDataProvider data) throws IOException {
        boolean table = data.consumeBoolean();
        String typed = data.consumeRemainingAsString();
        StringWriter written = new StringWriter();
        PrintWriter out = new PrintWriter(written);
        BufferedReader in = new BufferedReader(new StringReader(typed));
        if (table) {
            new TablePrompt(TABLE_NETWORK, PREP, in, out).run();
        } else {
            new Prompt(XOR, in, out).run();
        }
        out.flush();
        // At most one answer per line typed.
        long answers = written.toString().lines().filter(l -> l.contains("Prediction: ")).count();
        assertThat(answers).isLessThanOrEqualTo(typed.lines().count());
    }
}
