package org.nn4j.random;

import java.util.SplittableRandom;

/**
 * nn4j's default generator: the JDK's {@link SplittableRandom} (SplitMix64), which is fast, has a fixed algorithm
 * across JDK versions, and gives the same sequence for the same seed on every machine.
 */
final class SplitMixRandom implements RandomSource {

    private final SplittableRandom random;

    SplitMixRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public double nextGaussian() {
        return random.nextGaussian();
    }

    @Override
    public double nextDouble() {
        return random.nextDouble();
    }
}
