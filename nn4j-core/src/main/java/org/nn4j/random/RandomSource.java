package org.nn4j.random;

/**
 * An explicit, seeded source of random numbers. Everything random in nn4j (initial weights, shuffling) draws from
 * one of these, passed in by the caller, so that the same seed and settings always give the same model.
 */
public interface RandomSource {

    /** A sample of the standard normal distribution N(0, 1). */
    double nextGaussian();

    /** A sample of the uniform distribution on [0, 1). */
    double nextDouble();

    /** A uniformly drawn whole number from 0 to {@code bound − 1}, for shuffling. */
    default int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("The bound must be positive, got " + bound);
        }
        return Math.min((int) (nextDouble() * bound), bound - 1);
    }

    /** Shuffles {@code values} in place (Fisher–Yates, last position first), drawing from this source. */
    default void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The default generator of nn4j for a seed. */
    static RandomSource seeded(long seed) {
        return new SplitMixRandom(seed);
    }

    /** The generator of numpy's {@code RandomState(seed)}, drawing the same numbers, for reproducing numpy code. */
    static RandomSource numpyLegacy(long seed) {
        return new NumpyLegacyRandom(seed);
    }
}
