package org.nn4j.cli;

import java.util.Locale;
import org.nn4j.data.NumberText;

/**
 * The one way the command line writes numbers for people: settings such as learning rates ({@code 0.001},
 * {@code 100}, {@code 1e-8}, never Java's {@code 1.0E-8}), counts grouped by thousands ({@code 235,146}) and
 * durations ({@code 128 ms}, {@code 0.99 s}, {@code 2 min 05 s}).
 */
final class Format {

    private Format() {
    }

    /** A setting or a figure, with at most four significant digits (see {@link NumberText#format}). */
    static String number(double value) {
        return NumberText.format(value);
    }

    /** A count, grouped by thousands: {@code 4,547}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A duration: milliseconds below a second, seconds below a minute, then minutes and seconds. */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, seconds < 0.01 ? "%.1f ms" : "%.0f ms", seconds * 1000);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    /** The sentence every command ends its training with: {@code Training took 0.99 s.} */
    static String trainingTook(double seconds) {
        return "Training took " + duration(seconds) + ".";
    }
}
