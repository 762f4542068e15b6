package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.Json;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.predict.DecisionPlane;
import org.nn4j.random.RandomSource;

class LiveRunTest {

    private final EventLog log = new EventLog();

    /** 1200 rows of class "a" then 800 of class "b": a file sorted by class, whose first 1000 rows are all "a". */
    private LiveRun sortedRun() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            boolean a = i < 1200;
            rows.add(new String[] {String.valueOf(i % 37 * 0.1 + (a ? 0 : 5)), String.valueOf(i % 41 * 0.1),
                a ? "a" : "b"});
        }
        Table table = Table.of("sorted.csv", List.of("x", "y", "label"), rows);
        Preprocessing prep = Preprocessing.fit(table, "label", null, table.allRows());
        Network network = Network.builder(prep.inputs()).dense(4, Activations.byName("tanh"))
                .dense(prep.outputs(), prep.task().outputActivation()).build(Initializers.HE, RandomSource.seeded(1));
        return new LiveRun(log, network, DecisionPlane.of(network, prep, table, table.allRows()), 2000, () -> false);
    }

    private Map<?, ?> latest(String type) {
        String event = log.snapshot().stream().filter(e -> e.startsWith("event: " + type + "\n")).reduce((a, b) -> b)
                .orElseThrow();
        return (Map<?, ?>) Json.parse(event.substring(event.indexOf("data: ") + 6).trim());
    }

    @Test
    void theBoundaryViewShowsEveryClassOfAFileSortedByClass() {
        LiveRun run = sortedRun();
        run.started("sorted", 10, List.of("a", "b"));
        List<?> points = (List<?>) latest("run").get("points");
        long a = points.stream().filter(p -> ((Number) ((List<?>) p).get(2)).intValue() == 0).count();
        // Before: the first 1000 rows, all of class a.
        assertThat(points).hasSize(LiveRun.MAX_POINTS);
        assertThat(a).isEqualTo(600);
        assertThat(((List<?>) latest("boundary").get("values"))).hasSize(LiveRun.GRID * LiveRun.GRID);
        assertThat(LiveRun.GRID).as("finer than the 50 cells a side before").isGreaterThan(50);
    }

    @Test
    void theNetworkEventGivesTheTrueWidthsBesideTheUnitsItShows() {
        Table table = Table.of("wide.csv", List.of("x", "y", "label"),
                List.of(new String[] {"0", "1", "a"}, new String[] {"1", "0", "b"}));
        Preprocessing prep = Preprocessing.fit(table, "label", null, table.allRows());
        Network wide = Network.builder(prep.inputs()).dense(40, Activations.byName("relu"))
                .dense(prep.outputs(), prep.task().outputActivation()).build(Initializers.HE, RandomSource.seeded(1));
        new LiveRun(log, wide, null, 2, () -> false).started("wide", 10, List.of("a", "b"));
        Map<?, ?> network = latest("network");
        // The page draws "sizes" and says "Showing layer 1: 24 of 40 units" from "units".
        assertThat(network.get("sizes")).isEqualTo(List.of(2L, (long) LiveRun.MAX_UNITS, 1L));
        assertThat(network.get("units")).isEqualTo(List.of(2L, 40L, 1L));
    }

    @Test
    void theFinerBoundaryGridStillFitsInASmallEvent() {
        sortedRun().started("sorted", 10, List.of("a", "b"));
        String event = log.snapshot().stream().filter(e -> e.startsWith("event: boundary")).findFirst().orElseThrow();
        System.out.println("boundary event: " + event.length() + " characters for " + LiveRun.GRID + "² cells");
        // Four times the cells of the 50 × 50 grid, in three decimals each: within a 1 MiB client queue 12 times over.
        assertThat(event.length()).isLessThan(80_000);
    }

    @Test
    void theButtonsFollowTheRunsState() {
        LiveRun run = sortedRun();
        assertThat(run.control("pause")).isEqualTo("error: cannot pause a run that is not started yet");
        run.started("sorted", 10, List.of("a", "b"));
        assertThat(run.control("resume")).as("resume while running changes nothing").isEqualTo("running");
        assertThat(run.control("pause")).isEqualTo("paused");
        assertThat(run.control("pause")).isEqualTo("paused");
        assertThat(run.control("stop")).isEqualTo("stopping");
        // Before: pause after stop answered "paused" and the page showed a paused run that was stopping.
        assertThat(run.control("pause")).isEqualTo("error: cannot pause a run that is stopping");
        assertThat(latest("status").get("state")).isEqualTo("stopping");
        run.finished("stopped", "stopped after 3 epochs", List.of());
        assertThat(run.control("resume")).isEqualTo("error: cannot resume a run that is stopped");
        assertThat(run.control("stop")).isEqualTo("error: cannot stop a run that is stopped");
        assertThat(latest("status").get("state")).isEqualTo("stopped");
        assertThat(run.stopRequested()).isTrue();
    }
}
