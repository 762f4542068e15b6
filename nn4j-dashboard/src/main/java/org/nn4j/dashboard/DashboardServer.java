package org.nn4j.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The dashboard's web server, on the JDK's own HTTP server. It serves three fixed files from the jar (the page, its
 * script and its style sheet: no path from the request ever reaches the file system), a stream of server-sent
 * events at {@code /events}, and the controls as {@code POST /control/pause|resume|stop}.
 *
 * <p>Bounds, so that a browser tab or a stray client cannot harm the training it watches: it binds 127.0.0.1
 * unless told otherwise, reads request bodies of up to {@value #MAX_BODY_BYTES} bytes, and streams to at most
 * {@value #MAX_STREAMS} clients at once.
 */
public final class DashboardServer implements AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_STREAMS = 8;

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService threads;
    private final EventLog events;
    private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
    private final Function<String, String> controls;
    private final Function<String, String> playground;
    private final java.util.function.Consumer<String> subscriber = this::broadcast;

    /**
     * Starts serving.
     *
     * @param host the address to bind: 127.0.0.1 for this machine only
     * @param port the port, or 0 for any free one
     * @param events what to replay to new clients and stream to all
     * @param controls handles {@code pause}, {@code resume} and {@code stop}; returns null when the action is unknown
     * @param playground handles a playground request body (JSON); null when the dashboard has no playground
     */
    public DashboardServer(String host, int port, EventLog events, Function<String, String> controls,
            Function<String, String> playground) throws IOException {
        this.events = events;
        this.controls = controls;
        this.playground = playground;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        this.threads = Executors.newFixedThreadPool(MAX_STREAMS + 4, runnable -> {
            Thread t = new Thread(runnable, "nn4j-dashboard");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        events.subscribe(subscriber);
    }

    /** The address to open in a browser, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && FILES.containsKey(path)) {
                serveFile(exchange, FILES.get(path));
            } else if (method.equals("GET") && path.equals("/events")) {
                stream(exchange);
            } else if (method.equals("POST") && path.startsWith("/control/")) {
                readBody(exchange);
                String answer = controls.apply(path.substring("/control/".length()));
                reply(exchange, answer == null ? 404 : 200, answer == null ? "unknown control" : answer);
            } else if (method.equals("POST") && path.equals("/playground") && playground != null) {
                String body = readBody(exchange);
                String answer = playground.apply(body);
                reply(exchange, answer.startsWith("error:") ? 400 : 200, answer);
            } else {
                reply(exchange, 404, "not found");
            }
        } catch (BodyTooLarge e) {
            // The exchange is closed; the client gets 413 from readBody.
        }
    }

    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** The request body as text, refused with 413 beyond {@link #MAX_BODY_BYTES}. */
    private static String readBody(HttpExchange exchange) throws IOException {
        byte[] buffer = new byte[MAX_BODY_BYTES + 1];
        int total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) > 0) {
                total += n;
            }
        }
        if (total > MAX_BODY_BYTES) {
            reply(exchange, 413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            throw new BodyTooLarge();
        }
        return new String(buffer, 0, total, StandardCharsets.UTF_8);
    }

    private static void serveFile(HttpExchange exchange, String[] file) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(file[0])) {
            if (in == null) {
                reply(exchange, 500, "missing resource " + file[0]);
                return;
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", file[1]);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            reply(exchange, 503, "too many dashboard clients (at most " + MAX_STREAMS + ")");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (out) {
            for (String event : events.snapshot()) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
        streams.add(out);
        // Hold the exchange open until the client goes away; a comment line every few seconds finds out.
        try {
            while (!threads.isShutdown()) {
                Thread.sleep(2000);
                synchronized (out) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client closed the page.
        } finally {
            streams.remove(out);
        }
    }

    private void broadcast(String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        List<OutputStream> dead = new ArrayList<>();
        for (OutputStream out : streams) {
            try {
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            } catch (IOException e) {
                dead.add(out);
            }
        }
        streams.removeAll(dead);
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The number of clients receiving the event stream now. */
    int streamCount() {
        return streams.size();
    }

    @Override
    public void close() {
        events.unsubscribe(subscriber);
        server.stop(0);
        threads.shutdownNow();
    }
}
