package org.nn4j.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line every Java peer answers, one measurement per process, printed as one JSON line with the process's
 * peak memory (the same fields as {@code benchmarks/peers.py}):
 * <pre>
 *   train            [--samples N] [--batch B] [--seconds S]   samples per second of SGD steps
 *   predict          --batch B [--seconds S]                   samples per second of forward passes
 *   first-prediction --started-at EPOCH_NANOS                  ms from the process's start to its first prediction
 * </pre>
 * For {@code first-prediction} the caller passes the time it started the process ({@code date +%s%N}), so the figure
 * covers the JVM's start, loading the library and its natives, building the network and one prediction of one row.
 * It also reports the bytes of the native libraries the library loaded by then ({@link NativeLibraries}).
 */
public final class PeerCommand {

    private PeerCommand() {
    }

    /**
     * Runs the measurement {@code args} names with the peer {@code create} makes from the options (name without
     * {@code --} to value), and prints its JSON line.
     */
    public static void run(String[] args, Function<Map<String, String>, Peer> create) {
        Map<String, String> options = options(args);
        String measurement = args.length > 0 ? args[0] : "";
        Map<String, Object> fields = new LinkedHashMap<>();
        switch (measurement) {
            case "first-prediction": {
                long startedAtNanos = Long.parseLong(required(options, "started-at"));
                Peer peer = create.apply(options);
                peer.predictor(1).run();
                Instant now = Instant.now();
                long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                fields.put("library", peer.library());
                fields.put("case", "first-prediction");
                fields.put("ms", (nowNanos - startedAtNanos) / 1e6);
                fields.put("native_bytes", NativeLibraries.loadedBytes());
                break;
            }
            case "train": {
                Peer peer = create.apply(options);
                int batch = Integer.parseInt(options.getOrDefault("batch", "128"));
                int samples = Integer.parseInt(options.getOrDefault("samples", "60000"));
                double rate = callsPerSecond(peer.trainer(samples, batch), seconds(options), 1.0);
                fields.put("library", peer.library());
                fields.put("case", "train");
                fields.put("batch", batch);
                fields.put("samples_per_second", batch * rate);
                break;
            }
            case "predict": {
                Peer peer = create.apply(options);
                int batch = Integer.parseInt(required(options, "batch"));
                double rate = callsPerSecond(peer.predictor(batch), seconds(options), 1.0);
                fields.put("library", peer.library());
                fields.put("case", "predict");
                fields.put("batch", batch);
                fields.put("samples_per_second", batch * rate);
                break;
            }
            default:
                throw new IllegalArgumentException("Expected train, predict or first-prediction as the first argument,"
                        + " got '" + measurement + "'");
        }
        fields.put("peak_rss_bytes", peakResidentBytes());
        System.out.println(json(fields));
        System.out.flush();
    }

    /** Calls {@code step} for {@code warmupSeconds}, then for {@code seconds}; the calls per second of the second. */
    static double callsPerSecond(Runnable step, double seconds, double warmupSeconds) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            step.run();
        }
        long start = System.nanoTime();
        long calls = 0;
        while (true) {
            step.run();
            calls++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= seconds) {
                return calls / elapsed;
            }
        }
    }

    private static double seconds(Map<String, String> options) {
        return Double.parseDouble(options.getOrDefault("seconds", "3"));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs after the measurement, got '"
                        + args[i] + "'" + (i + 1 >= args.length ? " without a value" : ""));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("This measurement needs --" + name + ", got " + options.keySet());
        }
        return value;
    }

    /** Linux's VmHWM of this process in bytes, or -1 where unknown. */
    private static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure is left out
        }
        return -1;
    }

    private static String json(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(e.getKey()).append("\": ");
            Object value = e.getValue();
            if (value instanceof String) {
                out.append('"').append(((String) value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (value instanceof Double) {
                out.append(String.format(Locale.ROOT, "%.3f", (Double) value));
            } else {
                out.append(value);
            }
        }
        return out.append('}').toString();
    }
}
