package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSampleTest {

    /** {@code counts[k]} rows of class k, sorted by class as many CSV files are. */
    private static int[] sortedByClass(int... counts) {
        int[] classes = new int[Arrays.stream(counts).sum()];
        int at = 0;
        for (int k = 0; k < counts.length; k++) {
            Arrays.fill(classes, at, at + counts[k], k);
            at += counts[k];
        }
        return classes;
    }

    private static int[] perClass(int[] classes, int[] sample, int numberOfClasses) {
        int[] counts = new int[numberOfClasses];
        for (int i : sample) {
            counts[classes[i]]++;
        }
        return counts;
    }

    @Test
    void aFileSortedByClassKeepsEveryClassInProportion() {
        int[] classes = sortedByClass(1200, 800);
        int[] sample = StratifiedSample.of(classes, 1000, 1);
        assertThat(sample).hasSize(1000).isSorted().doesNotHaveDuplicates();
        // 1200 : 800 of 1000 is 600 : 400 (the first 1000 rows would be 1000 : 0).
        assertThat(perClass(classes, sample, 2)).containsExactly(600, 400);
    }

    @Test
    void aRareClassKeepsItsMinimumAndTheRestIsShared() {
        int[] classes = sortedByClass(4995, 5, 5000);
        int[] sample = StratifiedSample.of(classes, 1000, 7);
        // All 5 rare rows; the other 995 shared 4995 : 5000 (497.25 : 497.75, the extra row to the larger remainder).
        assertThat(perClass(classes, sample, 3)).containsExactly(497, 5, 498);
        int[] tiny = sortedByClass(9990, 20);
        // Proportionally the small class would get 2 of 1000; it gets its minimum of 10.
        assertThat(perClass(tiny, StratifiedSample.of(tiny, 1000, 7), 2))
                .containsExactly(990, StratifiedSample.MIN_PER_CLASS);
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        int[] classes = sortedByClass(3000, 3000);
        assertThat(StratifiedSample.of(classes, 500, 42)).containsExactly(StratifiedSample.of(classes, 500, 42));
        assertThat(StratifiedSample.of(classes, 500, 42)).isNotEqualTo(StratifiedSample.of(classes, 500, 43));
    }

    @Test
    void rowsAreDrawnFromTheWholeClassNotItsStart() {
        int[] classes = sortedByClass(10_000);
        int[] sample = StratifiedSample.of(classes, 100, 3);
        // Uniform over 0..9999: the chance that 100 draws all fall in one half is below 1e-29.
        assertThat(sample[0]).isLessThan(5000);
        assertThat(sample[99]).isGreaterThanOrEqualTo(5000);
    }

    @Test
    void fewerRowsThanTheSizeAreAllKept() {
        assertThat(StratifiedSample.of(new int[] {1, 0, 1}, 1000, 1)).containsExactly(0, 1, 2);
    }

    @Test
    void aSampleOfNothingIsRefused() {
        assertThatThrownBy(() -> StratifiedSample.of(new int[] {0, 1}, 0, 1))
                .hasMessage("a sample needs room for at least 1 row, got 0");
    }
}
