package org.nn4j.dashboard;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the dashboard. Three checks, so that no other web page can steer or read a run:
 * <ul>
 * <li>the {@code Host} header must name this server (a loopback name or address, the address it was told to bind,
 * or, when bound to all interfaces, any IP address) with its port; a page on a rebound DNS name is refused;</li>
 * <li>a state-changing request that carries an {@code Origin} must come from the page this server serves;</li>
 * <li>the data stream and the controls need the run's random token, printed in the URL at start (as Jupyter does);
 * the page passes it on as the {@code X-Nn4j-Token} header or a {@code token} query parameter.</li>
 * </ul>
 */
final class RequestGuard {

    static final String TOKEN_HEADER = "X-Nn4j-Token";

    private final String token = HexFormat.of().formatHex(randomBytes());
    private final Set<String> names;
    private final boolean anyAddress;
    private final int port;

    /**
     * @param configuredHost the host the server was told to bind, as given
     * @param bound the address it bound
     */
    RequestGuard(String configuredHost, InetAddress bound, int port) {
        this.names = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]", configuredHost.toLowerCase(Locale.ROOT),
                literal(bound)));
        this.anyAddress = bound.isAnyLocalAddress();
        this.port = port;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    String token() {
        return token;
    }

    /** An address as it appears in a URL: IPv6 in brackets. */
    static String literal(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Null when the Host header names this server; otherwise why not. */
    String checkHost(Request request) {
        String host = request.header("host");
        if (host == null) {
            return "a Host header is required";
        }
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        if (colon < 0 || lower.endsWith("]") || !lower.substring(colon + 1).equals(Integer.toString(port))) {
            return "Host should name this server with port " + port + ", got '" + host + "'";
        }
        String name = lower.substring(0, colon);
        // DNS rebinding needs a name: an IP address in Host cannot have been rebound.
        boolean ipLiteral = name.startsWith("[") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return names.contains(name) || (anyAddress && ipLiteral) ? null
                : "Host should name this server (127.0.0.1, localhost or [::1]), got '" + host + "'";
    }

    /** Null when a state-changing request comes from this server's own page (or from no page at all). */
    String checkOrigin(Request request) {
        String origin = request.header("origin");
        if (origin == null) {
            return null;   // not sent by a browser's page; the token still applies
        }
        String served = "http://" + request.header("host");
        return origin.equalsIgnoreCase(served) ? null
                : "requests that change the run must come from " + served + ", not from '" + origin + "'";
    }

    /** Null when the request carries this run's token. */
    String checkToken(Request request) {
        String given = request.header(TOKEN_HEADER);
        if (given == null) {
            given = request.parameter("token");
        }
        if (given == null) {
            return "this needs the dashboard's token: open the address printed at start, with its ?token=";
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))
                ? null : "wrong token: open the address printed at start, with its ?token=";
    }
}
