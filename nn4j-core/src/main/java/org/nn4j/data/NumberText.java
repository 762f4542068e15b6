package org.nn4j.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one syntax nn4j reads numbers in, wherever they are typed: CSV cells, the prompts, the rows given to
 * {@code predict}. Plain decimal or scientific notation ({@code 3}, {@code -0.5}, {@code .5}, {@code 1e-3}); not
 * Java's extras ({@code 0x1p3}, {@code 1d}, {@code 2f}), which no spreadsheet writes and which would make a cell
 * a number in one place and text in another. {@link #format} is the one way nn4j writes a setting or a figure
 * for people: the shortest text in that same syntax, so that what is printed can be typed back.
 */
public final class NumberText {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumberText() {
    }

    /** True when the text is a finite number in nn4j's syntax. */
    public static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches() && Double.isFinite(Double.parseDouble(text));
    }

    /** True for the spellings of NaN and infinity that spreadsheets and numpy write, and for overflowing numbers. */
    public static boolean isNonFinite(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("+", "").replace("-", "");
        return t.equals("nan") || t.equals("inf") || t.equals("infinity") || NUMBER.matcher(text).matches()
                && !Double.isFinite(Double.parseDouble(text));
    }

    /** The value to 6 significant digits, without trailing zeros: {@code 41.5}, {@code 56500}, {@code 1.25e-07}. */
    public static String compact(double value) {
        String text = String.format(Locale.ROOT, "%.6g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent >= 0 ? text.substring(0, exponent) : text;
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + (exponent >= 0 ? text.substring(exponent) : "");
    }

    /**
     * The number the text holds.
     *
     * @throws NumberFormatException when it is not a finite number in nn4j's syntax
     */
    public static double parse(String text) {
        if (!isNumber(text)) {
            throw new NumberFormatException("not a finite number: " + text);
        }
        return Double.parseDouble(text);
    }

    /**
     * A number for people, with at most four significant digits and no trailing zeros: {@code 100}, {@code 0.001},
     * {@code 0.999}, {@code 1e-8}, {@code 2.5e+6}. Plain decimals from 0.0001 up to a million, scientific notation
     * outside (never Java's {@code 1.0E-8}); NaN and infinity as {@code nan}, {@code inf} and {@code -inf}.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-4 && magnitude < 1e6) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
    }
}
