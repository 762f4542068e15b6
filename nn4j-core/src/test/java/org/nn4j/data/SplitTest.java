package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    private static final Table IRIS = PublicDataset.IRIS.table();

    @Test
    void aStratifiedSplitKeepsEachClassesShare() {
        Split s = Split.of(IRIS, 4, 0.3, 0.1, true, 1);
        assertThat(s.test()).hasSize(45);
        assertThat(s.validation()).hasSize(15);
        assertThat(s.train()).hasSize(90);
        for (String species : new String[] {"setosa", "versicolor", "virginica"}) {
            assertThat(Arrays.stream(s.test()).filter(r -> IRIS.cell(r, 4).equals(species)).count()).isEqualTo(15);
        }
    }

    @Test
    void everyRowLandsInExactlyOnePart() {
        Split s = Split.of(IRIS, 4, 0.25, 0.15, true, 7);
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
                Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 150).toArray());
    }

    @Test
    void theSeedFixesTheSplitAndTheValidationShareLeavesTheTestRowsAlone() {
        assertThat(Split.of(IRIS, 4, 0.3, 0.1, true, 3).test()).isEqualTo(Split.of(IRIS, 4, 0.3, 0.1, true, 3).test());
        assertThat(Split.of(IRIS, 4, 0.3, 0.1, true, 3).test()).isNotEqualTo(Split.of(IRIS, 4, 0.3, 0.1, true, 4).test());
        assertThat(Split.of(IRIS, 4, 0.3, 0.0, true, 3).test()).isEqualTo(Split.of(IRIS, 4, 0.3, 0.2, true, 3).test());
    }

    @Test
    void fractionsMustLeaveRowsForTraining() {
        assertThatThrownBy(() -> Split.of(IRIS, 4, 0.6, 0.4, true, 1))
                .hasMessage("The test and validation fractions must be 0 or more and leave rows for training, got test"
                        + " 0.6 and validation 0.4");
    }

    @Test
    void aHashedSplitSendsRowIByTheSeedsIthDraw() {
        // Drawn in sequence from the seeded generator, independently of how hashedPart reaches any one draw.
        java.util.SplittableRandom draws = new java.util.SplittableRandom(9);
        Split s = Split.hashed(1000, 0.2, 0.1, 9);
        for (int r = 0; r < 1000; r++) {
            double u = draws.nextDouble();
            int[] expected = u < 0.2 ? s.test() : u < 0.3 ? s.validation() : s.train();
            assertThat(Arrays.binarySearch(expected, r)).as("row " + r).isGreaterThanOrEqualTo(0);
            assertThat(Split.hashedPart(r, 0.2, 0.1, 9)).isEqualTo(u < 0.2 ? Split.TEST : u < 0.3 ? Split.VALIDATION
                    : Split.TRAIN);
        }
        assertThat(s.train().length + s.validation().length + s.test().length).isEqualTo(1000);
        assertThat(s.test().length).isBetween(160, 240);
    }
}
