package org.nn4j.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One browser's event stream. The training thread only ever adds to this client's bounded queue and returns; the
 * client's own writer thread sends what is queued. A client that falls more than {@value #MAX_PENDING_BYTES} bytes
 * behind loses its queue and is sent the whole run again (the {@code run} event first, which makes the page start
 * over), so a slow client still ends with a correct picture. A write that blocks for longer than the server's
 * write timeout closes the connection.
 */
final class EventStream implements Consumer<String> {

    static final int MAX_PENDING_BYTES = 1 << 20;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final long KEEP_ALIVE_MILLIS = 2000;

    private final Socket socket;
    private final EventLog log;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private int pendingBytes;
    /** True until the whole run was sent, and again whenever the queue overflowed. */
    private boolean behind = true;
    private volatile long writingSinceNanos;
    private volatile boolean closed;

    EventStream(Socket socket, EventLog log) {
        this.socket = socket;
        this.log = log;
    }

    /** From the event log, under its lock: queues the event and never blocks. */
    @Override
    public synchronized void accept(String event) {
        if (behind) {
            return;   // the replay to come includes it
        }
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        if (pendingBytes + bytes.length > MAX_PENDING_BYTES) {
            pending.clear();
            pendingBytes = 0;
            behind = true;
        } else {
            pending.add(bytes);
            pendingBytes += bytes.length;
        }
        notifyAll();
    }

    /** Sends the run so far and then every new event, until the client goes or the stream is closed. */
    void run() {
        log.subscribe(this);
        try {
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] next = next();
                writingSinceNanos = System.nanoTime();
                out.write(next);
                out.flush();
                writingSinceNanos = 0;
            }
        } catch (IOException | InterruptedException gone) {
            // The client went, was too slow, or the server is closing.
        } finally {
            log.unsubscribe(this);
            close();
        }
    }

    /** What to send next: the whole run when behind, else everything queued, else (after a while) a keep-alive. */
    private byte[] next() throws InterruptedException {
        boolean replay;
        synchronized (this) {
            if (!behind && pending.isEmpty()) {
                wait(KEEP_ALIVE_MILLIS);
            }
            replay = behind;
        }
        if (replay) {
            List<String> run = log.snapshotAnd(this::caughtUp);
            return join(run.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList());
        }
        synchronized (this) {
            if (pending.isEmpty()) {
                return KEEP_ALIVE;
            }
            byte[] all = join(pending);
            pending.clear();
            pendingBytes = 0;
            return all;
        }
    }

    /** Under the event log's lock, at the moment of the replay's snapshot: later events queue from here on. */
    private synchronized void caughtUp() {
        pending.clear();
        pendingBytes = 0;
        behind = false;
    }

    private static byte[] join(Iterable<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** True when a write has been blocked for longer than {@code timeoutNanos}: the client stopped reading. */
    boolean stuck(long nowNanos, long timeoutNanos) {
        long since = writingSinceNanos;
        return since != 0 && nowNanos - since > timeoutNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends the stream; a write blocked in another thread fails at once. */
    void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
