package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that read slowly, not at all, send slowly, or come all at once harm neither the run nor other clients. */
class SlowClientsTest {

    private final EventLog log = new EventLog();
    private final List<Socket> sockets = new ArrayList<>();
    private DashboardServer server;

    private DashboardServer start() throws Exception {
        server = new DashboardServer("127.0.0.1", 0, log, a -> a + "d", null);
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void awaitStreams(int count, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (server.streamCount() != count && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(server.streamCount()).isEqualTo(count);
    }

    private String pressPause() throws IOException {
        return RawClient.post(server, "/control/pause", RawClient.host(server),
                "X-Nn4j-Token: " + RawClient.token(server) + "\r\n");
    }

    @Test
    void aClientThatStopsReadingNeverHoldsUpPublishingAndIsDroppedAfterTheWriteTimeout() throws Exception {
        start();
        sockets.add(RawClient.openStreamAndStopReading(server));
        awaitStreams(1, 5000);
        String picture = "{\"values\":\"" + "0".repeat(10_000) + "\"}";
        // 20 MB for a client that reads nothing: publishing (the training thread's part) must not wait on it.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 1; i <= 2000; i++) {
                log.publish("epoch", "{\"epoch\":" + i + "}");
                log.publish("boundary", picture);
            }
        });
        assertThat(pressPause()).contains(" 200 ");
        awaitStreams(0, DashboardServer.WRITE_TIMEOUT_MILLIS + 5000);
    }

    @Test
    void aClientThatFellBehindIsSentTheWholeRunAgainAndMissesNoEpoch() throws Exception {
        start();
        Socket slow = RawClient.openStreamAndStopReading(server);
        sockets.add(slow);
        awaitStreams(1, 5000);
        String padding = "x".repeat(1000);
        int epochs = 3000;   // 3 MB: more than the client's queue and both socket buffers
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            log.publish("run", "{\"title\":\"t\"}");
            for (int i = 1; i <= epochs; i++) {
                log.publish("epoch", "{\"epoch\":" + i + ",\"pad\":\"" + padding + "\"}");
            }
        });
        slow.setSoTimeout(10_000);
        String seen = readUntil(slow.getInputStream(), "{\"epoch\":" + epochs + ",");
        String afterLastRun = seen.substring(seen.lastIndexOf("event: run"));
        Matcher m = Pattern.compile("\\{\"epoch\":(\\d+),").matcher(afterLastRun);
        int expected = 1;
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(expected++);
        }
        assertThat(expected - 1).isEqualTo(epochs);
        // At least the replay's run event: whether the first one also reached the socket before the queue overflowed
        // depends on when the writer's first write happened, so the count is 1 or more.
        assertThat(seen.split("event: run", -1).length - 1).as("replays").isGreaterThanOrEqualTo(1);
    }

    @Test
    void manyStreamsAtOnceAdmitExactlyTheLimit() throws Exception {
        start();
        assertThat(RawClient.floodOfStreams(server, 200, sockets)).isEqualTo(DashboardServer.MAX_STREAMS);
        assertThat(server.streamCount()).isEqualTo(DashboardServer.MAX_STREAMS);
        assertThat(RawClient.get(server, "/", RawClient.host(server), "")).contains(" 200 ");
    }

    @Test
    void slowSendersAreCutOffAndLockOutNeitherThePageNorTheButtons() throws Exception {
        start();
        byte[] head = ("GET / HTTP/1.1\r\nHost: " + RawClient.host(server) + "\r\nX-Padding: "
                + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<Socket> slowloris = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Socket s = new Socket("127.0.0.1", server.port());
            slowloris.add(s);
            sockets.add(s);
        }
        long start = System.nanoTime();
        int closedByServer = 0;
        // One byte per connection every 100 ms, for longer than the request deadline.
        for (int b = 0; b < head.length && closedByServer < slowloris.size(); b++) {
            closedByServer = 0;
            for (Socket s : slowloris) {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(head[b]);
                    out.flush();
                } catch (IOException cut) {
                    closedByServer++;
                }
            }
            if (b % 10 == 5) {
                long asked = System.nanoTime();
                assertThat(RawClient.get(server, "/", RawClient.host(server), "")).contains(" 200 ");
                assertThat(pressPause()).contains(" 200 ");
                assertThat((System.nanoTime() - asked) / 1e9).as("seconds to answer").isLessThan(2.0);
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(closedByServer).as("slow senders cut off").isEqualTo(slowloris.size());
        assertThat(seconds).isLessThan(DashboardServer.REQUEST_TIMEOUT_MILLIS / 1000.0 + 10);
    }

    @Test
    void connectionsBeyondTheCapAreRefusedAtOnce() throws Exception {
        start();
        for (int i = 0; i < DashboardServer.MAX_REQUESTS; i++) {
            sockets.add(new Socket("127.0.0.1", server.port()));   // connects, sends nothing
        }
        Thread.sleep(500);
        long asked = System.nanoTime();
        assertThat(RawClient.get(server, "/", RawClient.host(server), "")).contains(" 503 ");
        assertThat((System.nanoTime() - asked) / 1e9).as("seconds to refuse").isLessThan(2.0);
        // The idle ones are cut off at the request deadline, and the page is served again.
        Thread.sleep(DashboardServer.REQUEST_TIMEOUT_MILLIS + 1000);
        assertThat(RawClient.get(server, "/", RawClient.host(server), "")).contains(" 200 ");
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buffer = new byte[65536];
        while (sb.indexOf(marker) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            sb.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
