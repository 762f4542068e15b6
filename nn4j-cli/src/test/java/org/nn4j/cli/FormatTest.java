package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One number format, one count grouping and one duration format for every command. */
class FormatTest {

    @Test
    void learningRatesAndSettingsReadTheSameWhateverTheirSize() {
        assertThat(Format.number(100)).isEqualTo("100");
        assertThat(Format.number(0.001)).isEqualTo("0.001");
        assertThat(Format.number(1e-8)).isEqualTo("1e-8");
    }

    @Test
    void countsAreGroupedByThousands() {
        assertThat(Format.count(4547)).isEqualTo("4,547");
        assertThat(Format.count(235146)).isEqualTo("235,146");
        assertThat(Format.count(65)).isEqualTo("65");
    }

    @Test
    void durationsPickTheirUnit() {
        assertThat(Format.duration(0.0042)).isEqualTo("4.2 ms");
        assertThat(Format.duration(0.128)).isEqualTo("128 ms");
        assertThat(Format.duration(0.99)).isEqualTo("990 ms");
        assertThat(Format.duration(1.5)).isEqualTo("1.50 s");
        assertThat(Format.duration(125.4)).isEqualTo("2 min 05 s");
        assertThat(Format.trainingTook(0.0387)).isEqualTo("Training took 39 ms.");
    }
}
