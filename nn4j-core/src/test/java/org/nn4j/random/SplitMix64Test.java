package org.nn4j.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void drawsTheSameDoublesAsTheJdksSplittableRandom() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 mine = SplitMix64.seeded(seed);
            for (int i = 0; i < 10_000; i++) {
                assertThat(mine.nextDouble()).isEqualTo(jdk.nextDouble());
            }
        }
    }

    @Test
    void aGeneratorRebuiltFromItsStateContinuesTheSameSequence() {
        SplitMix64 original = SplitMix64.seeded(5);
        for (int i = 0; i < 1234; i++) {
            original.nextDouble();
        }
        SplitMix64 resumed = SplitMix64.fromState(original.state());
        for (int i = 0; i < 1000; i++) {
            assertThat(resumed.nextDouble()).isEqualTo(original.nextDouble());
            assertThat(resumed.nextGaussian()).isEqualTo(original.nextGaussian());
        }
    }

    @Test
    void gaussiansHaveMeanZeroAndVarianceOne() {
        SplitMix64 random = SplitMix64.seeded(3);
        double sum = 0;
        double squares = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = random.nextGaussian();
            sum += g;
            squares += g * g;
        }
        assertThat(sum / n).isBetween(-0.01, 0.01);
        assertThat(squares / n).isBetween(0.99, 1.01);
    }
}
