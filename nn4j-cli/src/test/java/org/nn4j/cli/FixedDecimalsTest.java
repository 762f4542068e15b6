package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fixed decimals are the exact binary value rounded to the nearest, ties to even: checked against BigDecimal's exact
 * expansion (which shares no code with it) over every magnitude, and against {@code String.format} wherever the two
 * roundings cannot differ.
 */
class FixedDecimalsTest {

    /** The exact decimal expansion of {@code value}, rounded; the sign kept, also where it rounds to zero. */
    private static String exact(double value, int decimals) {
        String digits = new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + digits;
    }

    @Test
    void roundsTheExactValueOfEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(44);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(-12, 20));
                case 2 -> Double.longBitsToDouble(random.nextLong()); // any bits: subnormals, huge, NaN, infinite
                default -> Math.round(random.nextDouble() * 1e6) / 1e6 + 5e-5; // near the fifth decimal's ties
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            int decimals = random.nextInt(FixedDecimals.MAX_DECIMALS + 1);
            assertThat(FixedDecimals.of(value, decimals)).as("%s with %d decimals", value, decimals)
                    .isEqualTo(exact(value, decimals));
        }
    }

    @Test
    void agreesWithStringFormatAwayFromTies() {
        SplittableRandom random = new SplittableRandom(4);
        int compared = 0;
        for (int i = 0; i < 100_000; i++) {
            double value = random.nextDouble() * 3.0 - 1.0;
            double scaled = Math.abs(value) * 1e4;
            if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
                continue; // String.format rounds its shortest decimal digits half up, not the binary value
            }
            compared++;
            assertThat(FixedDecimals.of(value, 4)).as("%s", value)
                    .isEqualTo(String.format(Locale.ROOT, "%.4f", value));
        }
        assertThat(compared).isGreaterThan(99_000);
    }

    @Test
    void writesTiesToEvenAndKeepsTheSignOfANegativeZero() {
        assertThat(FixedDecimals.of(0.125, 2)).isEqualTo("0.12"); // exactly 1/8: a true tie
        assertThat(FixedDecimals.of(0.375, 2)).isEqualTo("0.38");
        assertThat(FixedDecimals.of(2.5, 0)).isEqualTo("2");
        assertThat(FixedDecimals.of(0.00015, 4)).isEqualTo("0.0001"); // 1.4999...e-4 in binary
        assertThat(FixedDecimals.of(0.69314718, 4)).isEqualTo("0.6931");
        assertThat(FixedDecimals.of(-0.00001, 4)).isEqualTo("-0.0000");
        assertThat(FixedDecimals.of(-0.0, 4)).isEqualTo("-0.0000");
        assertThat(FixedDecimals.of(0.0, 4)).isEqualTo("0.0000");
        assertThat(FixedDecimals.of(9.99996, 4)).isEqualTo("10.0000");
        assertThat(FixedDecimals.of(1e20, 4)).isEqualTo("100000000000000000000.0000");
        assertThat(FixedDecimals.of(Double.NaN, 4)).isEqualTo("NaN");
        assertThat(FixedDecimals.of(Double.POSITIVE_INFINITY, 4)).isEqualTo("Infinity");
        assertThat(FixedDecimals.of(Double.NEGATIVE_INFINITY, 4)).isEqualTo("-Infinity");
    }

    @Test
    void refusesDecimalsItCannotWrite() {
        assertThatThrownBy(() -> FixedDecimals.of(1.0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decimals must be 0 to 9, got 10");
        assertThatThrownBy(() -> FixedDecimals.of(1.0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
