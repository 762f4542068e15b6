package org.nn4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request as the dashboard reads it: the request line, the headers and a body of known length, all
 * within one deadline, so that a client sending a byte at a time (slowloris) holds its connection for a few seconds
 * at most. Only what the dashboard needs: no chunked bodies, no continuation lines, one request per connection.
 */
final class Request {

    /** Why a request could not be read; the status to answer, or 0 to close without answering. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static final int MAX_HEAD_BYTES = 8 * 1024;

    final String method;
    final String path;
    private final String query;
    private final Map<String, String> headers;
    private final Socket socket;
    private final byte[] leftover;
    private final long deadlineNanos;

    private Request(String method, String path, String query, Map<String, String> headers, Socket socket,
            byte[] leftover, long deadlineNanos) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.socket = socket;
        this.leftover = leftover;
        this.deadlineNanos = deadlineNanos;
    }

    /** Reads the request line and headers, which must arrive whole before {@code deadlineNanos}. */
    static Request readHead(Socket socket, long deadlineNanos) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[MAX_HEAD_BYTES];
        int length = 0;
        int scanned = 0;
        int end;
        while ((end = endOfHead(buffer, scanned, length)) < 0) {
            scanned = length;
            if (length == buffer.length) {
                throw new Refused(431, "request head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            int n = readBefore(socket, in, buffer, length, buffer.length - length, deadlineNanos);
            if (n < 0) {
                throw new Refused(0, "the client closed the connection");
            }
            length += n;
        }
        String[] lines = new String(buffer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new Refused(400, "expected 'METHOD /path HTTP/1.1', got '" + lines[0] + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new Refused(400, "expected 'Name: value', got '" + lines[i] + "'");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (headers.putIfAbsent(name, lines[i].substring(colon + 1).trim()) != null && name.equals("host")) {
                throw new Refused(400, "more than one Host header");
            }
        }
        String target = requestLine[1];
        int question = target.indexOf('?');
        byte[] leftover = Arrays.copyOfRange(buffer, end + 4, length);
        return new Request(requestLine[0], question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), headers, socket, leftover, deadlineNanos);
    }

    /** A header's value, or null; names are case-insensitive. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** A query parameter's raw value, or null. */
    String parameter(String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The body, by its Content-Length, refused beyond {@code maxBytes}; it must arrive before the same deadline. */
    String body(int maxBytes) throws IOException {
        if (header("transfer-encoding") != null) {
            throw new Refused(411, "send the body with a Content-Length");
        }
        String declared = header("content-length");
        long length;
        try {
            length = declared == null ? 0 : Long.parseLong(declared);
        } catch (NumberFormatException e) {
            throw new Refused(400, "Content-Length should be a number, got '" + declared + "'");
        }
        if (length < 0) {
            throw new Refused(400, "Content-Length should not be negative, got " + length);
        }
        if (length > maxBytes) {
            throw new Refused(413, "request body larger than " + maxBytes + " bytes");
        }
        byte[] body = new byte[(int) length];
        int have = Math.min(leftover.length, body.length);
        System.arraycopy(leftover, 0, body, 0, have);
        InputStream in = socket.getInputStream();
        while (have < body.length) {
            int n = readBefore(socket, in, body, have, body.length - have, deadlineNanos);
            if (n < 0) {
                throw new Refused(400, "the body ended after " + have + " of " + length + " bytes");
            }
            have += n;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** One read that gives up at the deadline, however slowly the bytes trickle in. */
    private static int readBefore(Socket socket, InputStream in, byte[] buffer, int offset, int length,
            long deadlineNanos) throws IOException {
        long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new Refused(0, "the request did not arrive in time");
        }
        socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
        try {
            return in.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw new Refused(0, "the request did not arrive in time");
        }
    }

    /** Where the blank line ending the head starts, looking only at windows that end in bytes new since {@code from}. */
    private static int endOfHead(byte[] buffer, int from, int length) {
        for (int i = Math.max(3, from); i < length; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }
}
