package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Optimizers;
import org.nn4j.predict.DecisionPlane;
import org.nn4j.random.RandomSource;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * The load test: a run trains with the dashboard while one client opens the stream and never reads, 200 streams are
 * attempted at once, and 40 connections send their headers a byte at a time. Training keeps at least 90% of the
 * speed it has without the dashboard, measured in the same run under the same attack: the dashboard is switched on
 * and off every {@value #SLICE_MILLIS} ms, and the epochs and time of each state are summed apart, so that whatever
 * else the machine does slows both alike. Exactly the stream limit is admitted, and the page and the buttons answer
 * throughout.
 */
class DashboardUnderAttackTest {

    private static final long MEASURE_MILLIS = 12_000;
    private static final long SLICE_MILLIS = 50;
    private static final double ANSWER_DEADLINE_SECONDS = 3.0;

    private final EventLog log = new EventLog();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService training = Executors.newSingleThreadExecutor();
    private volatile boolean attacking = true;
    private DashboardServer server;

    @AfterEach
    void stop() throws IOException {
        attacking = false;
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        training.shutdownNow();
    }

    @Test
    void trainingKeepsNinetyPercentOfItsSpeedWhileClientsStallFloodAndDribble() throws Exception {
        Table table = SyntheticData.byName("moons", 400, 2, 0.1, 1);
        Preprocessing prep = Preprocessing.fit(table, "label", null, table.allRows());
        Network network = Network.builder(prep.inputs()).dense(16, Activations.byName("relu"))
                .dense(16, Activations.byName("relu")).dense(prep.outputs(), prep.task().outputActivation())
                .build(Initializers.HE, RandomSource.seeded(1));
        Dataset data = prep.encode(table, table.allRows());
        LiveRun live = new LiveRun(log, network, DecisionPlane.of(network, prep, table, table.allRows()),
                data.size(), () -> false);
        server = new DashboardServer("127.0.0.1", 0, log, live::control, null);
        live.started("under attack", 1_000_000, prep.label().classes());
        train(prep, network, data, new Alternating(live), 3000).get();   // warm up both ways

        // (a) a client that opens the stream and never reads
        sockets.add(RawClient.openStreamAndStopReading(server));
        awaitStreams(1);
        // (b) 200 streams at once: with (a), exactly the limit gets in
        assertThat(1 + RawClient.floodOfStreams(server, 200, sockets)).isEqualTo(DashboardServer.MAX_STREAMS);
        assertThat(server.streamCount()).isEqualTo(DashboardServer.MAX_STREAMS);
        // (c) slowloris, throughout the measurement
        Thread dribbler = new Thread(this::slowloris, "slowloris");
        dribbler.setDaemon(true);
        dribbler.start();

        Alternating measured = new Alternating(live);
        Future<?> run = train(prep, network, data, measured, MEASURE_MILLIS);
        double slowestAnswer = 0;
        long end = System.nanoTime() + (MEASURE_MILLIS + 15_000) * 1_000_000;
        while (!run.isDone() && System.nanoTime() < end) {
            slowestAnswer = Math.max(slowestAnswer, pageAndButtonAnswer());
            Thread.sleep(500);
        }
        try {
            run.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("training stalled: a run of " + MEASURE_MILLIS + " ms did not end in 15 s more ("
                    + measured + ")");
        }
        double ratio = measured.speedWith() / measured.speedWithout();
        System.out.printf("dashboard under attack: %s, ratio %.3f; slowest page-and-button answer %.2f s%n",
                measured, ratio, slowestAnswer);
        assertThat(measured.speedWithout()).as("epochs per second without the dashboard").isGreaterThan(0);
        assertThat(ratio).as("speed with the dashboard under attack relative to without: " + measured)
                .isGreaterThanOrEqualTo(0.9);
        assertThat(slowestAnswer).as("seconds for the page and a button to answer")
                .isLessThan(ANSWER_DEADLINE_SECONDS);
        assertThat(server.streamCount()).isLessThanOrEqualTo(DashboardServer.MAX_STREAMS);
    }

    /**
     * The dashboard's listener, on for one slice of time and off for the next; each epoch's time (from its start to
     * the next one's, so including the listener's work at its end) counts for the state it ran in.
     */
    private static final class Alternating implements TrainingListener {
        private final LiveRun live;
        private final long startNanos = System.nanoTime();
        private boolean on;
        private long epochStartNanos;
        private final long[] epochs = new long[2];
        private final long[] nanos = new long[2];

        Alternating(LiveRun live) {
            this.live = live;
        }

        @Override
        public void onEpochStart(int epoch, int batches) {
            long now = System.nanoTime();
            if (epochStartNanos != 0) {
                epochs[on ? 1 : 0]++;
                nanos[on ? 1 : 0] += now - epochStartNanos;
            }
            epochStartNanos = now;
            on = (now - startNanos) / (SLICE_MILLIS * 1_000_000) % 2 == 0;
            if (on) {
                live.onEpochStart(epoch, batches);
            }
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            if (on) {
                live.onBatch(epoch, batch, batches, loss);
            }
        }

        @Override
        public void onGradients(int epoch, List<Parameter> parameters) {
            if (on) {
                live.onGradients(epoch, parameters);
            }
        }

        @Override
        public void onEpoch(EpochRecord record) {
            if (on) {
                live.onEpoch(record);
            }
        }

        synchronized double speedWith() {
            return epochs[1] / (nanos[1] / 1e9);
        }

        synchronized double speedWithout() {
            return epochs[0] / (nanos[0] / 1e9);
        }

        @Override
        public synchronized String toString() {
            return String.format("%.0f epochs/s with the dashboard (%d epochs in %.1f s), %.0f without (%d in %.1f s)",
                    speedWith(), epochs[1], nanos[1] / 1e9, speedWithout(), epochs[0], nanos[0] / 1e9);
        }
    }

    /** Trains for about {@code millis} on the training thread. */
    private Future<?> train(Preprocessing prep, Network network, Dataset data, TrainingListener listener,
            long millis) {
        return training.submit(() -> {
            long end = System.nanoTime() + millis * 1_000_000;
            TrainingLoop.builder(prep.task(), Optimizers.byName("adam", 0.01, 0.9, -1)).batchSize(16)
                    .epochs(1_000_000).seed(1).stopWhen(() -> System.nanoTime() > end).build()
                    .fit(network, data, null, listener);
        });
    }

    /**
     * Seconds until the page and then the resume button were served. A 503 (all connection slots busy for a moment)
     * is asked again; the deadline is checked by the caller.
     */
    private double pageAndButtonAnswer() throws IOException, InterruptedException {
        long start = System.nanoTime();
        String page;
        while ((page = RawClient.get(server, "/", RawClient.host(server), "")).contains(" 503 ") && !late(start)) {
            Thread.sleep(10);
        }
        assertThat(page).contains(" 200 ");
        String button;
        while ((button = RawClient.post(server, "/control/resume", RawClient.host(server), "Origin: http://"
                + RawClient.host(server) + "\r\nX-Nn4j-Token: " + RawClient.token(server) + "\r\n"))
                .contains(" 503 ") && !late(start)) {
            Thread.sleep(10);
        }
        assertThat(button).contains(" 200 ");
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean late(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9 > ANSWER_DEADLINE_SECONDS;
    }

    /** 40 connections that each send their request head a byte every 100 ms, reconnecting when cut off. */
    private void slowloris() {
        byte[] head = ("GET / HTTP/1.1\r\nHost: " + RawClient.host(server) + "\r\nX-Padding: " + "a".repeat(500)
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Socket[] connections = new Socket[40];
        int[] sent = new int[connections.length];
        while (attacking) {
            for (int i = 0; i < connections.length && attacking; i++) {
                try {
                    if (connections[i] == null || sent[i] >= head.length) {
                        connections[i] = new Socket("127.0.0.1", server.port());
                        sockets.add(connections[i]);
                        sent[i] = 0;
                    }
                    OutputStream out = connections[i].getOutputStream();
                    out.write(head[sent[i]++]);
                    out.flush();
                } catch (IOException cut) {
                    closeQuietly(connections[i]);
                    connections[i] = null;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void closeQuietly(Socket socket) {
        if (socket != null) {
            sockets.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void awaitStreams(int count) throws InterruptedException {
        for (int i = 0; i < 250 && server.streamCount() != count; i++) {
            Thread.sleep(20);
        }
        assertThat(server.streamCount()).isEqualTo(count);
    }


}
