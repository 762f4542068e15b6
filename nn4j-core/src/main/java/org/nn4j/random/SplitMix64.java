package org.nn4j.random;

/**
 * SplitMix64 with its whole state in one visible number, so that a training run can save where its generators
 * stand and resume from exactly there. {@link #nextDouble} draws the same sequence as the JDK's
 * {@code new SplittableRandom(seed).nextDouble()}, so shuffles and dropout masks are unchanged by using it.
 * {@link #nextGaussian} is Marsaglia's polar method over those draws (not the JDK's algorithm).
 */
public final class SplitMix64 implements RandomSource {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    private SplitMix64(long state) {
        this.state = state;
    }

    /** A generator starting from {@code seed}. */
    public static SplitMix64 seeded(long seed) {
        return new SplitMix64(seed);
    }

    /** A generator continuing from a state read with {@link #state()}. */
    public static SplitMix64 fromState(long state) {
        return new SplitMix64(state);
    }

    /** Everything needed to continue the sequence from here. */
    public long state() {
        return state;
    }

    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public double nextGaussian() {
        while (true) {
            double u = 2 * nextDouble() - 1;
            double v = 2 * nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
