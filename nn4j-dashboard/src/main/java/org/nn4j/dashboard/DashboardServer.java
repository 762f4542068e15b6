package org.nn4j.dashboard;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The dashboard's web server. It serves four fixed files from the jar (the page, its two scripts and its style sheet:
 * no path from the request ever reaches the file system), a stream of server-sent events at {@code /events}, and
 * the controls as {@code POST /control/pause|resume|stop} (409 when the run is past the point where the button
 * means anything, such as pause after stop).
 *
 * <p>It is a small server of its own on plain sockets rather than the JDK's {@code com.sun.net.httpserver}, whose
 * header-read timeout and connection cap are JVM-wide system properties and whose response streams have no write
 * timeout. Its bounds, so that no browser tab, stray client or other web page can harm the training it watches:
 * <ul>
 * <li>it binds 127.0.0.1 unless told otherwise, and {@link RequestGuard} refuses foreign Host and Origin headers
 * and, for the stream and the controls, requests without the run's token (403);</li>
 * <li>a request's head and body must arrive within {@value #REQUEST_TIMEOUT_MILLIS} ms (a slow sender is cut
 * off), bodies are at most {@value #MAX_BODY_BYTES} bytes (413), one request per connection;</li>
 * <li>at most {@value #MAX_REQUESTS} connections are being read or answered at once, and excess ones are refused at
 * once with 503; the event streams have their own budget of {@value #MAX_STREAMS} (503 beyond it, decided
 * atomically), so streams never take the page's or the buttons' place;</li>
 * <li>training never waits on a client: events go into each client's bounded queue ({@link EventStream}), its own
 * thread writes them, and a write blocked for {@value #WRITE_TIMEOUT_MILLIS} ms drops that client.</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_STREAMS = 8;
    static final int MAX_REQUESTS = 64;
    static final long REQUEST_TIMEOUT_MILLIS = 5000;
    static final long WRITE_TIMEOUT_MILLIS = 5000;
    /** Kernel buffer per stream: a client that stops reading is found out after this much, not megabytes. */
    private static final int STREAM_SEND_BUFFER = 64 * 1024;

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/chart.js", new String[] {"chart.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final ServerSocket listener;
    private final RequestGuard guard;
    private final EventLog events;
    private final Function<String, String> controls;
    private final Function<String, String> playground;
    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService watchdog;
    private final Semaphore requestSlots = new Semaphore(MAX_REQUESTS);
    private final Semaphore streamSlots = new Semaphore(MAX_STREAMS);
    /** Connections being read or answered, with the moment by which they must be done. */
    private final Map<Socket, Long> requests = new ConcurrentHashMap<>();
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

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
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new BindException("no such address: " + host);
        }
        this.listener = new ServerSocket();
        listener.bind(address, 128);
        this.guard = new RequestGuard(host, listener.getInetAddress(), listener.getLocalPort());
        this.threads = new ThreadPoolExecutor(MAX_REQUESTS + MAX_STREAMS, MAX_REQUESTS + MAX_STREAMS, 10,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("nn4j-dashboard"));
        threads.allowCoreThreadTimeOut(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("nn4j-dashboard-watchdog"));
        watchdog.scheduleAtFixedRate(this::dropTheStuck, 250, 250, TimeUnit.MILLISECONDS);
        Thread acceptor = daemon("nn4j-dashboard-accept").newThread(this::accept);
        acceptor.start();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The address to open in a browser, with this run's token, e.g. {@code http://127.0.0.1:8765/?token=…}. */
    public String url() {
        return "http://" + RequestGuard.literal(listener.getInetAddress()) + ":" + port() + "/?token="
                + guard.token();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                continue;   // closed: the loop ends; otherwise a failed accept harms no one else
            }
            if (!requestSlots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            requests.put(socket, System.nanoTime() + (REQUEST_TIMEOUT_MILLIS + WRITE_TIMEOUT_MILLIS) * 1_000_000);
            try {
                threads.execute(() -> serve(socket));
            } catch (RejectedExecutionException closing) {
                finishRequest(socket);
                closeQuietly(socket);
            }
        }
    }

    /** Too many connections: say so without reading anything, and close. */
    private static void refuse(Socket socket) {
        try (socket) {
            socket.getOutputStream().write(Response.bytes(503, "text/plain; charset=utf-8",
                    "too many connections to the dashboard (at most " + MAX_REQUESTS + ")"));
        } catch (IOException e) {
            // the client is gone already
        }
    }

    private void serve(Socket socket) {
        boolean streaming = false;
        try {
            Request request = Request.readHead(socket, System.nanoTime() + REQUEST_TIMEOUT_MILLIS * 1_000_000);
            streaming = route(request, socket);
        } catch (Request.Refused e) {
            if (e.status == 411 || e.status == 413) {
                Response.refuseBody(socket, e.status, e.getMessage());
            } else if (e.status != 0) {
                Response.send(socket, e.status, e.getMessage());
            }
        } catch (IOException e) {
            // The client went away.
        } finally {
            if (!streaming) {
                finishRequest(socket);
                closeQuietly(socket);
            }
        }
    }

    /** Answers one request; true when the connection became an event stream (and has ended since). */
    private boolean route(Request request, Socket socket) throws IOException {
        String refused = guard.checkHost(request);
        if (refused != null) {
            Response.send(socket, 403, refused);
            return false;
        }
        boolean get = request.method.equals("GET");
        boolean post = request.method.equals("POST");
        if (get && FILES.containsKey(request.path)) {
            Response.file(socket, FILES.get(request.path));
        } else if (get && request.path.equals("/events")) {
            refused = guard.checkToken(request);
            if (refused != null) {
                Response.send(socket, 403, refused);
            } else if (!streamSlots.tryAcquire()) {
                Response.send(socket, 503, "too many dashboard clients (at most " + MAX_STREAMS + ")");
            } else {
                finishRequest(socket);   // the stream leaves the request budget for its own
                stream(socket);
                return true;
            }
        } else if (post && (request.path.startsWith("/control/")
                || (request.path.equals("/playground") && playground != null))) {
            refused = guard.checkOrigin(request);
            refused = refused != null ? refused : guard.checkToken(request);
            if (refused != null) {
                Response.refuseBody(socket, 403, refused);
                return false;
            }
            String body = request.body(MAX_BODY_BYTES);
            if (request.path.equals("/playground")) {
                String answer = playground.apply(body);
                Response.send(socket, answer.startsWith("error:") ? 400 : 200, answer);
            } else {
                String answer = controls.apply(request.path.substring("/control/".length()));
                Response.send(socket, answer == null ? 404 : answer.startsWith("error:") ? 409 : 200,
                        answer == null ? "unknown control" : answer);
            }
        } else {
            Response.send(socket, 404, "not found");
        }
        return false;
    }

    private void stream(Socket socket) {
        EventStream stream = new EventStream(socket, events);
        streams.add(stream);
        try {
            socket.setSendBufferSize(STREAM_SEND_BUFFER);
            socket.getOutputStream().write(Response.STREAM_HEAD);
            stream.run();
        } catch (IOException e) {
            stream.close();
        } finally {
            streams.remove(stream);
            streamSlots.release();
        }
    }

    /** The connection leaves the request budget (and the watchdog's deadlines). */
    private void finishRequest(Socket socket) {
        if (requests.remove(socket) != null) {
            requestSlots.release();
        }
    }

    /** Closes streams whose client stopped reading, and requests that overran their time. */
    private void dropTheStuck() {
        long now = System.nanoTime();
        for (EventStream stream : streams) {
            if (stream.stuck(now, WRITE_TIMEOUT_MILLIS * 1_000_000)) {
                stream.close();
            }
        }
        requests.forEach((socket, deadline) -> {
            if (now - deadline > 0) {
                closeQuietly(socket);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The number of clients receiving the event stream now. */
    int streamCount() {
        return streams.size();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        watchdog.shutdownNow();
        streams.forEach(EventStream::close);
        requests.keySet().forEach(DashboardServer::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
