package org.nn4j.random;

/**
 * The algorithm behind numpy's legacy {@code numpy.random.RandomState}: a 32-bit Mersenne Twister (MT19937) seeded
 * from a 32-bit integer, 53-bit doubles built from two 32-bit outputs, and normal samples from the Marsaglia polar
 * method, which makes two samples per accepted pair and hands out the second on the next call.
 *
 * <p>With it, {@code RandomState(0).randn} and this class give the same numbers, so nn4j can start from exactly the
 * weights the tutorial's numpy code draws for a seed.
 */
final class NumpyLegacyRandom implements RandomSource {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    private int index;
    private boolean hasSpareGaussian;
    private double spareGaussian;

    NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("numpy's RandomState takes a seed from 0 to 2^32 - 1, got " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int previous = state[i - 1];
            state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32 random bits, as an unsigned value in a long. */
    long nextUnsignedInt() {
        if (index >= N) {
            regenerate();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    @Override
    public double nextDouble() {
        long a = nextUnsignedInt() >>> 5;
        long b = nextUnsignedInt() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    @Override
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        spareGaussian = f * x1;
        hasSpareGaussian = true;
        return f * x2;
    }
}
