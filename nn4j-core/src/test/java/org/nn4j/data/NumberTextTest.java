package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
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
