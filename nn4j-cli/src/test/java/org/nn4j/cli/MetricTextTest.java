package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTextTest {

    @Test
    void aLossOfNegativeZeroPrintsAsZero() {
        assertThat(MetricText.of(-0.0)).isEqualTo("0.0000");
        assertThat(MetricText.of(0.0)).isEqualTo("0.0000");
    }

    @Test
    void valuesTooSmallForFourDecimalsPrintInScientificNotation() {
        assertThat(MetricText.of(2.281e-6)).isEqualTo("2.28e-06");
        assertThat(MetricText.of(0.00012)).isEqualTo("0.0001");
        assertThat(MetricText.of(0.69314)).isEqualTo("0.6931");
        assertThat(MetricText.of(11.51293)).isEqualTo("11.5129");
    }
}
