package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaygroundTest {

    @Test
    void aFormStartsALiveRunOnABuiltInSetAndItsButtonsReachIt() throws Exception {
        EventLog log = new EventLog();
        Playground playground = new Playground(log);
        assertThat(playground.control("pause")).isEqualTo("no run in progress");
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
    void theFormCannotAskForMoreThanAFewMinutesOfWork() {
        Playground playground = new Playground(new EventLog());
        assertThat(playground.start("{\"layers\":\"256,256,256,256,256,256\",\"epochs\":\"100000\"}"))
                .isEqualTo("error: up to 4 hidden layers of 1 to 64 units");
        assertThat(playground.start("{\"layers\":\"65\"}")).isEqualTo("error: up to 4 hidden layers of 1 to 64 units");
        assertThat(playground.start("{\"layers\":\"8,8,8,8,8\"}"))
                .isEqualTo("error: up to 4 hidden layers of 1 to 64 units");
        assertThat(playground.start("{\"epochs\":\"10001\"}")).isEqualTo("error: epochs from 1 to 10000 and noise from 0 to 5");
        assertThat(playground.control("stop")).isEqualTo("no run in progress");
    }

    @Test
    void badFormsGetAnErrorAndStartNothing() {
        Playground playground = new Playground(new EventLog());
        assertThat(playground.start("not json")).startsWith("error: ");
        assertThat(playground.start("{\"dataset\":\"nope\"}")).startsWith("error: ").contains("nope");
        assertThat(playground.start("{\"layers\":\"1000\"}")).isEqualTo("error: up to 4 hidden layers of 1 to 64 units");
        assertThat(playground.start("{\"lr\":\"fast\"}")).isEqualTo("error: lr should be a number, got 'fast'");
    }
}
