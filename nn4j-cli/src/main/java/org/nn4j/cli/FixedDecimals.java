package org.nn4j.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number written with a fixed count of decimals, rounded from its exact binary value to the nearest, ties to
 * even, as C's {@code printf("%.4f")} and Python's {@code f"{x:.4f}"} (the tutorial's own print) write it. The epoch
 * lines use it: the tutorial's million epochs print 10,000 of them, and {@code java.util.Formatter} took about 20 µs
 * a line in a fresh JVM, a tenth of the whole run; this takes about 2. Not-a-number and the infinities read
 * {@code NaN}, {@code Infinity} and {@code -Infinity}, as {@code String.format} writes them; a negative number that
 * rounds to zero keeps its sign ({@code -0.0000}), as all three do.
 */
final class FixedDecimals {

    /** The most decimals: 10⁹ and every product below 2⁵² stay exact in a long and a double. */
    static final int MAX_DECIMALS = 9;

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    /** Below this, a value times 10^decimals is a double whose integer and fraction parts are exact. */
    private static final double EXACT_LIMIT = 0x1p52;

    private FixedDecimals() {
    }

    /** {@code value} with {@code decimals} decimals (0 to {@value #MAX_DECIMALS}). */
    static String of(double value, int decimals) {
        return append(new StringBuilder(24), value, decimals).toString();
    }

    /** Appends {@code value} with {@code decimals} decimals to {@code out} and returns it. */
    static StringBuilder append(StringBuilder out, double value, int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be 0 to " + MAX_DECIMALS + ", got " + decimals);
        }
        if (Double.isNaN(value)) {
            return out.append("NaN");
        }
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        if (negative) {
            out.append('-');
        }
        double magnitude = Math.abs(value);
        if (Double.isInfinite(magnitude)) {
            return out.append("Infinity");
        }
        long scale = POWERS_OF_TEN[decimals];
        double scaled = magnitude * scale;
        if (!(scaled < EXACT_LIMIT)) {
            // Too large for the exact split below: the exact decimal expansion does it (rare, and slower).
            return out.append(new BigDecimal(magnitude).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
        }
        long units = roundedProduct(magnitude, scale, scaled);
        out.append(units / scale);
        if (decimals > 0) {
            out.append('.');
            String fraction = Long.toString(units % scale + scale); // a leading 1 keeps the fraction's zeros
            out.append(fraction, 1, fraction.length());
        }
        return out;
    }

    /**
     * magnitude × scale rounded to the nearest integer, ties to even, from the exact product: {@code scaled} is the
     * product rounded to a double, and a fused multiply-add gives what that rounding left out, exactly.
     */
    private static long roundedProduct(double magnitude, double scale, double scaled) {
        double error = Math.fma(magnitude, scale, -scaled);
        long whole = (long) scaled; // below 2^52 the integer part and the fraction are both exact
        double fraction = scaled - whole;
        if (fraction < 0.25) {
            // The error is at most half a unit in the last place of scaled, so at most a quarter here: the exact
            // fraction stays within half of the whole part.
            return whole;
        }
        double aboveHalf = fraction - 0.5; // exact for a fraction of a quarter or more
        if (aboveHalf > -error) {
            return whole + 1;
        }
        if (aboveHalf < -error) {
            return whole;
        }
        return (whole & 1) == 0 ? whole : whole + 1;
    }
}
