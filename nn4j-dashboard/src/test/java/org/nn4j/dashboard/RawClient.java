package org.nn4j.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Plain-socket HTTP for the dashboard's tests: requests exactly as written, and clients that misbehave. */
final class RawClient {

    private RawClient() {
    }

    /** The printed address's token. */
    static String token(DashboardServer server) {
        return server.url().substring(server.url().indexOf("?token=") + "?token=".length());
    }

    /** The Host header a browser sends for the printed address. */
    static String host(DashboardServer server) {
        return "127.0.0.1:" + server.port();
    }

    /** Sends {@code request} and returns the status line (or "" when the server closed without answering). */
    static String statusLine(int port, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return line == null ? "" : line;
        }
    }

    /** A GET with the given Host and extra header lines (each ending in CRLF). */
    static String get(DashboardServer server, String target, String host, String headers) throws IOException {
        return statusLine(server.port(), "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + "Connection: close\r\n\r\n", 10_000);
    }

    /** A POST with an empty body, the given Host and extra header lines (each ending in CRLF). */
    static String post(DashboardServer server, String target, String host, String headers) throws IOException {
        return statusLine(server.port(), "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + "Content-Length: 0\r\nConnection: close\r\n\r\n", 10_000);
    }

    /**
     * Opens {@code /events} with the token and reads nothing (its receive buffer small, so that it fills soon); the
     * socket is returned open.
     */
    static Socket openStreamAndStopReading(DashboardServer server) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.getOutputStream().write(("GET /events?token=" + token(server) + " HTTP/1.1\r\nHost: " + host(server)
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads the first line of a response already requested on {@code socket}. */
    static String firstLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    /**
     * Opens {@code attempts} event streams at once, none of which reads, adding each socket to {@code opened} (for
     * the caller to close); returns how many were admitted (answered 200).
     */
    static int floodOfStreams(DashboardServer server, int attempts, List<Socket> opened) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    Socket s = openStreamAndStopReading(server);
                    synchronized (opened) {
                        opened.add(s);
                    }
                    s.setSoTimeout(15_000);
                    return firstLine(s);
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<String> answer : answers) {
                try {
                    admitted += answer.get().contains(" 200 ") ? 1 : 0;
                } catch (ExecutionException refused) {
                    // connection refused or reset: not admitted
                }
            }
            return admitted;
        } finally {
            pool.shutdownNow();
        }
    }
}
