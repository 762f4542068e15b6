package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal's width comes from COLUMNS when set, and falls back to 80 columns when nothing says. */
class TerminalTest {

    @Test
    void columnsIsTakenFromTheEnvironment() {
        assertThat(Terminal.detect(Map.of("COLUMNS", "37")).columns()).isEqualTo(37);
        assertThat(Terminal.detect(Map.of("COLUMNS", " 120\n")).columns()).isEqualTo(120);
    }

    @Test
    void anUnsetZeroOrGarbledColumnsFallsBackTo80() {
        // Tests run without a terminal, so stty is not asked either.
        assertThat(Terminal.detect(Map.of()).columns()).isEqualTo(80);
        assertThat(Terminal.detect(Map.of("COLUMNS", "0")).columns()).isEqualTo(80);
        assertThat(Terminal.detect(Map.of("COLUMNS", "-5")).columns()).isEqualTo(80);
        assertThat(Terminal.detect(Map.of("COLUMNS", "wide")).columns()).isEqualTo(80);
    }
}
