package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's bounds: where it listens, what it serves, how much it reads, how many it streams to. */
class DashboardServerTest {

    private final EventLog log = new EventLog();
    private final List<String> actions = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DashboardServer server;

    private DashboardServer start() throws Exception {
        server = new DashboardServer("127.0.0.1", 0, log, a -> {
            actions.add(a);
            return List.of("pause", "resume", "stop").contains(a) ? a + "d" : null;
        }, null);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The printed address without its token. */
    private String base() {
        return server.url().substring(0, server.url().indexOf('?'));
    }

    private String token() {
        return server.url().substring(server.url().indexOf("?token=") + "?token=".length());
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path.substring(1))).header("X-Nn4j-Token", token());
    }

    /** A raw request, so that paths reach the server exactly as written. */
    private static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }

    @Test
    void itListensOnThisMachineOnlyByDefaultAndServesThePage() throws Exception {
        start();
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:[0-9]+/\\?token=[0-9a-f]{32}");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>nn4j dashboard</title>").doesNotContain("http://", "https://");
        assertThat(get("/app.js").body()).contains("new EventSource('/events?token=");
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        assertThat(get("/chart.js").body()).contains("window.nn4jChart = function");
    }

    @Test
    void thePageMayRunOnlyItsOwnScriptsAndNoOtherPageMayFrameIt() throws Exception {
        start();
        String policy = get("/").headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        // Nothing the page loads needs inline code or inline style attributes, which the policy would block.
        for (String file : List.of("/", "/app.js", "/chart.js")) {
            assertThat(get(file).body()).doesNotContain("innerHTML", "style=\"", "<script>", "onclick=");
        }
    }

    @Test
    void pathsOutsideTheThreeFilesAreRefused() throws Exception {
        start();
        for (String path : List.of("/../pom.xml", "/..%2f..%2fetc%2fpasswd", "/org/nn4j/dashboard/index.html",
                "/DashboardServer.class", "//etc/passwd", "/app.js/../../secret")) {
            assertThat(raw(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n\r\n"))
                    .as(path).contains(" 404 ");
        }
    }

    @Test
    void controlsReachTheRunAndOversizedBodiesAreRefused() throws Exception {
        start();
        HttpResponse<String> paused = http.send(post("/control/pause")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paused.body()).isEqualTo("paused");
        assertThat(actions).containsExactly("pause");
        HttpResponse<String> unknown = http.send(post("/control/explode")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        byte[] big = new byte[DashboardServer.MAX_BODY_BYTES + 1000];
        HttpResponse<String> tooLarge = http.send(post("/control/stop")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(actions).containsExactly("pause", "explode");
    }

    @Test
    void aButtonTheRunCannotTakeNowGetsConflictAndItsReason() throws Exception {
        server = new DashboardServer("127.0.0.1", 0, log, a -> "error: cannot " + a + " a run that is stopped", null);
        HttpResponse<String> answer = http.send(post("/control/pause").POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).isEqualTo("error: cannot pause a run that is stopped");
    }

    @Test
    void aLateClientGetsTheWholeRunAndStreamsAreBounded() throws Exception {
        start();
        log.publish("run", "{\"title\":\"t\"}");
        log.publish("epoch", "{\"epoch\":1}");
        log.publish("epoch", "{\"epoch\":2}");
        log.publish("status", "{\"state\":\"running\"}");
        List<Socket> clients = new ArrayList<>();
        try {
            Socket first = openStream(server.port(), token());
            clients.add(first);
            String replay = readUntil(first.getInputStream(), "running");
            assertThat(replay).containsSubsequence("event: run", "{\"epoch\":1}", "{\"epoch\":2}", "event: status");
            for (int i = 1; i < DashboardServer.MAX_STREAMS; i++) {
                Socket s = openStream(server.port(), token());
                clients.add(s);
                readUntil(s.getInputStream(), "running");
            }
            for (int i = 0; i < 100 && server.streamCount() < DashboardServer.MAX_STREAMS; i++) {
                Thread.sleep(20); // each stream is registered just after its replay is written
            }
            assertThat(server.streamCount()).isEqualTo(DashboardServer.MAX_STREAMS);
            assertThat(raw(server.port(), "GET /events?token=" + token() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.port() + "\r\n\r\n")).contains(" 503 ");
            // A live event reaches a connected client.
            log.publish("epoch", "{\"epoch\":3}");
            assertThat(readUntil(first.getInputStream(), "{\"epoch\":3}")).contains("event: epoch");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    private static Socket openStream(int port, String token) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /events?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder sb = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!sb.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            sb.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
