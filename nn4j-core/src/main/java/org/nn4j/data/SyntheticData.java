package org.nn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;
import org.nn4j.random.RandomSource;

/**
 * Classic two-dimensional classification sets for learning how networks bend decision boundaries, each with a
 * size, a noise level and a seed. Each is a {@link Table} with columns {@code x}, {@code y} and {@code label}
 * (0, 1, …), so it goes through the same preprocessing as a CSV file.
 */
public final class SyntheticData {

    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("moons", "circles", "spirals", "blobs", "and", "or", "nand",
            "nor", "xor", "xnor");

    /** The logic gates among {@link #NAMES}. */
    private static final List<String> GATES = NAMES.subList(NAMES.indexOf("and"), NAMES.size());

    private SyntheticData() {
    }

    /**
     * Two interleaving half circles (as scikit-learn's {@code make_moons}): class 0 on the upper arc of the unit
     * circle, class 1 on the lower arc shifted by (1, 0.5); Gaussian noise of standard deviation {@code noise}
     * is added to both coordinates.
     */
    public static Table moons(int samples, double noise, long seed) {
        requireSize(samples, 2);
        RandomSource random = RandomSource.seeded(seed);
        List<String[]> rows = new ArrayList<>();
        int upper = (samples + 1) / 2;
        for (int i = 0; i < samples; i++) {
            boolean first = i < upper;
            int k = first ? i : i - upper;
            int count = first ? upper : samples - upper;
            double t = Math.PI * k / Math.max(1, count - 1);
            double x = first ? Math.cos(t) : 1 - Math.cos(t);
            double y = first ? Math.sin(t) : 0.5 - Math.sin(t);
            rows.add(point(x + noise * random.nextGaussian(), y + noise * random.nextGaussian(), first ? 0 : 1));
        }
        return table("moons", rows);
    }

    /**
     * A small circle inside a large one (as scikit-learn's {@code make_circles} with factor 0.5): class 0 on the
     * unit circle, class 1 on the circle of radius 0.5, plus Gaussian noise.
     */
    public static Table circles(int samples, double noise, long seed) {
        requireSize(samples, 2);
        RandomSource random = RandomSource.seeded(seed);
        List<String[]> rows = new ArrayList<>();
        int outer = (samples + 1) / 2;
        for (int i = 0; i < samples; i++) {
            boolean isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            int count = isOuter ? outer : samples - outer;
            double t = 2 * Math.PI * k / count;
            double radius = isOuter ? 1.0 : 0.5;
            rows.add(point(radius * Math.cos(t) + noise * random.nextGaussian(),
                    radius * Math.sin(t) + noise * random.nextGaussian(), isOuter ? 0 : 1));
        }
        return table("circles", rows);
    }

    /**
     * {@code classes} interleaved spiral arms: arm k of K has points at radii r evenly spaced in (0, 1) and angles
     * {@code θ = 2πk/K + 4r}, plus Gaussian noise of standard deviation {@code noise} on θ; point
     * {@code (r·sin θ, r·cos θ)}. No straight line separates the arms; two hidden layers do.
     */
    public static Table spirals(int samples, int classes, double noise, long seed) {
        requireSize(samples, classes);
        if (classes < 2) {
            throw new IllegalArgumentException("Spirals need at least 2 arms, got " + classes);
        }
        RandomSource random = RandomSource.seeded(seed);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int arm = i % classes;
            int k = i / classes;
            int perArm = (samples - arm + classes - 1) / classes;
            double r = (k + 0.5) / perArm;
            double theta = arm * 2 * Math.PI / classes + 4.0 * r + noise * random.nextGaussian();
            rows.add(point(r * Math.sin(theta), r * Math.cos(theta), arm));
        }
        return table("spirals", rows);
    }

    /**
     * {@code classes} Gaussian clusters of standard deviation {@code noise}, their centres drawn uniformly from
     * the square [−5, 5]² (as scikit-learn's {@code make_blobs} with {@code center_box=(-5, 5)}).
     */
    public static Table blobs(int samples, int classes, double noise, long seed) {
        requireSize(samples, classes);
        if (classes < 2) {
            throw new IllegalArgumentException("Blobs need at least 2 clusters, got " + classes);
        }
        RandomSource random = RandomSource.seeded(seed);
        double[][] centres = new double[classes][2];
        for (double[] c : centres) {
            c[0] = -5 + 10 * random.nextDouble();
            c[1] = -5 + 10 * random.nextDouble();
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            int k = i % classes;
            rows.add(point(centres[k][0] + noise * random.nextGaussian(),
                    centres[k][1] + noise * random.nextGaussian(), k));
        }
        return table("blobs", rows);
    }

    /** The four rows of a two-input logic gate: and, or, nand, nor, xor or xnor; columns a, b, label. */
    public static Table gate(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        List<String[]> rows = new ArrayList<>();
        for (int a = 0; a <= 1; a++) {
            for (int b = 0; b <= 1; b++) {
                boolean out = switch (key) {
                    case "and" -> a == 1 && b == 1;
                    case "or" -> a == 1 || b == 1;
                    case "nand" -> !(a == 1 && b == 1);
                    case "nor" -> !(a == 1 || b == 1);
                    case "xor" -> a != b;
                    case "xnor" -> a == b;
                    default -> throw new IllegalArgumentException("Unknown logic gate '" + name + "'"
                            + DidYouMean.hint(name, GATES) + "; expected and, or, nand, nor, xor or xnor");
                };
                rows.add(new String[] {Integer.toString(a), Integer.toString(b), out ? "1" : "0"});
            }
        }
        return Table.of(key, List.of("a", "b", "label"), rows);
    }

    /**
     * A data set by name: moons, circles, spirals, blobs (with {@code samples}, {@code classes} for spirals and
     * blobs, {@code noise} and {@code seed}), or a logic gate (always its 4 rows).
     */
    public static Table byName(String name, int samples, int classes, double noise, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "moons" -> moons(samples, noise, seed);
            case "circles" -> circles(samples, noise, seed);
            case "spirals" -> spirals(samples, classes, noise, seed);
            case "blobs" -> blobs(samples, classes, noise, seed);
            case "and", "or", "nand", "nor", "xor", "xnor" -> gate(name);
            default -> throw unknown(name);
        };
    }

    /** Checks that {@link #byName} knows {@code name} (ignoring case), so that a typo is found before any work. */
    public static void requireKnown(String name) {
        if (!NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw unknown(name);
        }
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Unknown data set '" + name + "'" + DidYouMean.hint(name, NAMES)
                + "; expected one of " + String.join(", ", NAMES));
    }

    private static void requireSize(int samples, int classes) {
        if (samples < classes || samples > 10_000_000) {
            throw new IllegalArgumentException("A synthetic data set needs from " + classes
                    + " to 10000000 samples, got " + samples);
        }
    }

    private static String[] point(double x, double y, int label) {
        return new String[] {Double.toString(x), Double.toString(y), Integer.toString(label)};
    }

    private static Table table(String name, List<String[]> rows) {
        return Table.of(name, List.of("x", "y", "label"), rows);
    }
}
