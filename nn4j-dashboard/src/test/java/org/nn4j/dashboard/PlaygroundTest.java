package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaygroundTest {

    @Test
    void aFormStartsALiveRunOnABuiltInSetAndItsButtonsReachIt() throws Exception {
        EventLog log = new EventLog();
        Playground playground = new Playground(log);
        assertThat(playground.control("pause")).isEqualTo("error: no run in progress");
        String answer = playground.start("{\"dataset\":\"circles\",\"noise\":\"0.05\",\"layers\":\"8,8\","
                + "\"activation\":\"tanh\",\"optimizer\":\"adam\",\"lr\":\"0.03\",\"epochs\":\"40\"}");
        assertThat(answer).startsWith("started: Playground: circles (noise 0.05), 2-8-8-1 (tanh, tanh, sigmoid)");
        for (int i = 0; i < 200 && log.snapshot().stream().noneMatch(e -> e.contains("\"finished\"")); i++) {
            Thread.sleep(50);
        }
        List<String> events = log.snapshot();
        assertThat(events.get(0)).startsWith("event: run").contains("\"plane\":true");
        assertThat(events.stream().filter(e -> e.startsWith("event: epoch")).count()).isEqualTo(40);
        assertThat(events).as("a page opened during the run still shows the playground")
                .anyMatch(e -> e.startsWith("event: mode") && e.contains("\"playground\":true"));
        assertThat(events).anyMatch(e -> e.startsWith("event: boundary"))
                .anyMatch(e -> e.startsWith("event: status") && e.contains("finished"));
    }

    @Test
    void aWrongFieldStartsNothingAndTheAnswerSaysWhichFieldAndWhy() {
        EventLog log = new EventLog();
        Playground playground = new Playground(log);
        // Before: "error: For input string: "abc"" for layers, and a number parsed from any text.
        assertThat(playground.start("{\"layers\":\"abc\"}")).isEqualTo("error: layers should be up to 4 hidden layer "
                + "sizes from 1 to 64, separated by commas, such as 16,16; got 'abc'");
        assertThat(playground.start("{\"dataset\":\"nope\"}"))
                .isEqualTo("error: dataset should be one of moons, circles, spirals, blobs, xor; got 'nope'");
        assertThat(playground.start("not json")).startsWith("error: the playground expects a JSON object");
        assertThat(playground.control("stop")).isEqualTo("error: no run in progress");
        assertThat(log.snapshot()).noneMatch(e -> e.startsWith("event: run"));
    }

    @Test
    void beforeTheFirstRunThePageSaysNothingRuns() {
        EventLog log = new EventLog();
        new Playground(log);
        assertThat(log.snapshot()).anyMatch(e -> e.startsWith("event: status") && e.contains("\"state\":\"idle\""));
    }
}
