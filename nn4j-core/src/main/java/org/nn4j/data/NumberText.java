package org.nn4j.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The one syntax nn4j reads numbers in, wherever they are typed: CSV cells, the prompts, the rows given to
 * {@code predict}. Plain decimal or scientific notation ({@code 3}, {@code -0.5}, {@code .5}, {@code 1e-3}); not
 * Java's extras ({@code 0x1p3}, {@code 1d}, {@code 2f}), which no spreadsheet writes and which would make a cell
 * a number in one place and text in another. {@link #format} is the one way nn4j writes a setting or a figure
 * for people: the shortest text in that same syntax, so that what is printed can be typed back.
 */
public final class NumberText {

    private NumberText() {
    }

    /** True when the text is a finite number in nn4j's syntax. */
    public static boolean isNumber(String text) {
        return !Double.isNaN(valueOrNaN(text));
    }

    /**
     * The finite number the text holds in nn4j's syntax, else NaN: one pass over the text and one parse, for the
     * millions of cells a large table has (a regular expression's matcher, and parsing once to check and once to
     * read, had cost several times the parse itself).
     */
    public static double valueOrNaN(String text) {
        if (!hasNumberSyntax(text)) {
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /** Whether {@code text} is {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}, digits being 0 to 9. */
    static boolean hasNumberSyntax(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int start = i;
        i = skipDigits(text, i);
        int whole = i - start;
        int fraction = 0;
        if (i < n && text.charAt(i) == '.') {
            int afterPoint = i + 1;
            i = skipDigits(text, afterPoint);
            fraction = i - afterPoint;
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == n;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** True for the spellings of NaN and infinity that spreadsheets and numpy write, and for overflowing numbers. */
    public static boolean isNonFinite(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("+", "").replace("-", "");
        return t.equals("nan") || t.equals("inf") || t.equals("infinity") || hasNumberSyntax(text)
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
        double value = valueOrNaN(text);
        if (Double.isNaN(value)) {
            throw new NumberFormatException("not a finite number: " + text);
        }
        return value;
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
