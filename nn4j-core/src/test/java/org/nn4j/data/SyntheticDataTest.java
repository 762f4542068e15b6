package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    @Test
    void logicGatesHaveTheirTruthTables() {
        assertThat(labels(SyntheticData.gate("and"))).isEqualTo("0001");
        assertThat(labels(SyntheticData.gate("or"))).isEqualTo("0111");
        assertThat(labels(SyntheticData.gate("nand"))).isEqualTo("1110");
        assertThat(labels(SyntheticData.gate("nor"))).isEqualTo("1000");
        assertThat(labels(SyntheticData.gate("XOR"))).isEqualTo("0110");
        assertThat(labels(SyntheticData.gate("xnor"))).isEqualTo("1001");
        assertThatThrownBy(() -> SyntheticData.gate("nxor")).hasMessageStartingWith("Unknown logic gate 'nxor'");
    }

    @Test
    void setsHaveTheirSizeBalancedClassesAndASeed() {
        Table spirals = SyntheticData.spirals(301, 3, 0.1, 5);
        assertThat(spirals.rowCount()).isEqualTo(301);
        assertThat(spirals.columns()).containsExactly("x", "y", "label");
        long arm2 = java.util.stream.IntStream.range(0, 301).filter(r -> spirals.cell(r, 2).equals("2")).count();
        assertThat(arm2).isEqualTo(100);
        assertThat(SyntheticData.moons(50, 0.1, 1).cell(7, 0)).isEqualTo(SyntheticData.moons(50, 0.1, 1).cell(7, 0));
        assertThat(SyntheticData.moons(50, 0.1, 1).cell(7, 0)).isNotEqualTo(SyntheticData.moons(50, 0.1, 2).cell(7, 0));
    }

    @Test
    void withoutNoiseCirclesLieOnTheirRadii() {
        Table circles = SyntheticData.circles(40, 0.0, 1);
        for (int r = 0; r < 40; r++) {
            double radius = Math.hypot(Double.parseDouble(circles.cell(r, 0)), Double.parseDouble(circles.cell(r, 1)));
            assertThat(radius).isCloseTo(circles.cell(r, 2).equals("0") ? 1.0 : 0.5,
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> SyntheticData.byName("swirls", 10, 2, 0.1, 1))
                .hasMessage("Unknown data set 'swirls' (did you mean 'spirals'?); expected one of moons, circles, spirals, blobs, and, or, nand,"
                        + " nor, xor, xnor");
    }

    private static String labels(Table t) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append(t.cell(r, 2));
        }
        return sb.toString();
    }
}
