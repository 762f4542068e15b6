package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One number syntax for tables and prompts: decimal and scientific notation, not Java's extras. */
class NumberTextTest {

    @Test
    void decimalAndScientificNotationAreNumbers() {
        for (String n : new String[] {"3", "-0.5", "+2", ".5", "5.", "1e-3", "2E+10"}) {
            assertThat(NumberText.isNumber(n)).as(n).isTrue();
        }
        assertThat(NumberText.parse("1e-3")).isEqualTo(0.001);
    }

    @Test
    void javaOnlySpellingsAreNotNumbers() {
        for (String n : new String[] {"0x1p3", "1d", "2f", "1_000", " 1", "NaN", "Infinity", "1e999", ""}) {
            assertThat(NumberText.isNumber(n)).as(n).isFalse();
        }
        assertThatThrownBy(() -> NumberText.parse("0x1p3")).isInstanceOf(NumberFormatException.class);
    }

    /** The syntax as a regular expression: the scanner must accept exactly what it matches. */
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void theScannerAcceptsExactlyTheTextsTheSyntaxDescribes() {
        for (String t : new String[] {"", "+", "-", ".", "+.", "-.5", "5.", "5.e3", ".e3", "1e", "1e+", "1e+5",
            "1E-05", "00", "1..2", "1.2.3", "--1", "+-1", "1e5e5", "١٢", "1 ", " 1", "e5", "1f"}) {
            assertThat(NumberText.hasNumberSyntax(t)).as(t).isEqualTo(SYNTAX.matcher(t).matches());
        }
        // Random texts over the characters that matter, 200,000 of them, seeded.
        SplittableRandom random = new SplittableRandom(7);
        char[] alphabet = "0123456789+-.eE x".toCharArray();
        for (int k = 0; k < 200_000; k++) {
            char[] text = new char[random.nextInt(8)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String t = new String(text);
            assertThat(NumberText.hasNumberSyntax(t)).as(t).isEqualTo(SYNTAX.matcher(t).matches());
            boolean finite = SYNTAX.matcher(t).matches() && Double.isFinite(Double.parseDouble(t));
            assertThat(Double.isNaN(NumberText.valueOrNaN(t))).as(t).isEqualTo(!finite);
        }
    }

    @Test
    void aTableTakesJavaSpellingsAsTextLikeThePrompt() throws IOException {
        Table table = Table.readCsv("t.csv", new StringReader("x,y\n1d,a\n2,b\n"));
        assertThat(NumberText.isNumber(table.cell(0, 0))).isFalse();
    }

    @Test
    void formatsForPeopleWithFourSignificantDigitsAndNoJavaExponent() {
        assertThat(NumberText.format(100)).isEqualTo("100");
        assertThat(NumberText.format(0.001)).isEqualTo("0.001");
        assertThat(NumberText.format(0.999)).isEqualTo("0.999");
        assertThat(NumberText.format(1e-8)).isEqualTo("1e-8");
        assertThat(NumberText.format(-2.5e6)).isEqualTo("-2.5e+6");
        assertThat(NumberText.format(0.123456)).isEqualTo("0.1235");
        assertThat(NumberText.format(0)).isEqualTo("0");
        assertThat(NumberText.format(Double.NaN)).isEqualTo("nan");
        for (double v : new double[] {1e-8, 0.001, 3e7, -0.25}) {
            assertThat(NumberText.isNumber(NumberText.format(v))).as("%s reads back", v).isTrue();
        }
    }

    @Test
    void compactNumbersKeepSixDigitsAndDropTrailingZeros() {
        assertThat(NumberText.compact(41.5)).isEqualTo("41.5");
        assertThat(NumberText.compact(56500)).isEqualTo("56500");
        assertThat(NumberText.compact(5.8)).isEqualTo("5.8");
        assertThat(NumberText.compact(-1.0 / 3)).isEqualTo("-0.333333");
        assertThat(NumberText.compact(1.25e-7)).isEqualTo("1.25e-07");
        assertThat(NumberText.compact(0)).isEqualTo("0");
    }
}
