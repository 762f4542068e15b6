package org.nn4j.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Writing the dashboard's answers: one whole response per connection, then the connection is closed. */
final class Response {

    /** The head of an event stream, whose body then runs until either side closes. */
    static final byte[] STREAM_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private Response() {
    }

    /** One of the page's files from the jar, by name and content type. */
    static void file(Socket socket, String[] file) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(file[0])) {
            if (in == null) {
                send(socket, 500, "missing resource " + file[0]);
                return;
            }
            send(socket, bytes(200, file[1], in.readAllBytes()));
        }
    }

    /** A plain-text answer. */
    static void send(Socket socket, int status, String text) {
        try {
            send(socket, bytes(status, "text/plain; charset=utf-8", text));
        } catch (IOException e) {
            // the client is gone
        }
    }

    private static void send(Socket socket, byte[] response) throws IOException {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(response);
            out.flush();
        }
    }

    /**
     * Answers a request whose body was not read (too large, of unknown length, or refused), then reads what the
     * client still sends for half a second at most, so that closing does not reset the connection before the client
     * reads the answer.
     */
    static void refuseBody(Socket socket, int status, String text) {
        try (socket) {
            socket.getOutputStream().write(bytes(status, "text/plain; charset=utf-8", text));
            socket.shutdownOutput();
            long end = System.nanoTime() + 500_000_000L;
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long left = 500;
            do {
                socket.setSoTimeout((int) left);
                left = in.read(sink) < 0 ? 0 : (end - System.nanoTime()) / 1_000_000;
            } while (left > 0);
        } catch (IOException e) {
            // the client is gone, or the half second is over
        }
    }

    /**
     * What the page may load and do: its own scripts, styles and connections only, no inline script or style, no
     * framing by another page, no form posted elsewhere.
     */
    static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static byte[] bytes(int status, String type, String text) {
        return bytes(status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int status, String type, byte[] body) {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\nCache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                + "Content-Security-Policy: " + SECURITY_POLICY + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
