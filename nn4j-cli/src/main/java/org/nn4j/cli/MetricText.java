package org.nn4j.cli;

import java.util.Locale;

/** A metric as the epoch line shows it: 4 decimals, values too small for them in scientific notation. */
final class MetricText {

    private MetricText() {
    }

    /** E.g. {@code 0.6931}, {@code 2.28e-06}, {@code 0.0000} for zero (also for -0.0, which a loss of 0 can be). */
    static String of(double value) {
        double v = value + 0.0; // -0.0 + 0.0 is 0.0: never print "-0.0000"
        if (v != 0 && Math.abs(v) < 5e-5) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return FixedDecimals.of(v, 4);
    }
}
