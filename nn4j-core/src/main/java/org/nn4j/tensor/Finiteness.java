package org.nn4j.tensor;

/**
 * What is known of whether a matrix's elements are all finite, for products that may skip work when they are (see
 * {@link MatrixKernels#multiply(float[], float[], boolean, float[], int, int, int)}). One instance is shared by
 * the matrices over one array (a workspace and its reshaped reuses), since a write through any of them changes
 * what the others hold; every write forgets what was known.
 *
 * <p>Finding out reads the whole array, as much as the product it would speed up. So it is done only for a matrix
 * read twice as a few-row product's b with no write in between: a model answering one sample at a time, whose
 * weights stay as they are; not a network trained one sample at a time, whose weights change between any two
 * reads and are never checked.
 *
 * <p>Matrices read from many threads at once (a model's weights) may race on the state: every thread that writes
 * it writes what the elements, which nobody changes meanwhile, make true, so the worst a race does is check twice.
 */
final class Finiteness {

    private static final byte UNKNOWN = 0;
    private static final byte READ_ONCE = 1;
    private static final byte FINITE = 2;
    private static final byte NOT_FINITE = 3;

    private byte state = UNKNOWN;

    /** Forgets what was known, after a write to the elements. */
    void forget() {
        state = UNKNOWN;
    }

    /**
     * Whether every element of {@code floats} (or, when that is null, of {@code doubles}) is known to be finite, as
     * a few-row product reading it asks: false the first time after a write, found out (and remembered) the next.
     */
    boolean knownFinite(float[] floats, double[] doubles) {
        byte now = state;
        if (now == FINITE || now == NOT_FINITE) {
            return now == FINITE;
        }
        if (now == UNKNOWN) {
            state = READ_ONCE;
            return false;
        }
        boolean finite = floats != null ? Kernels.ACTIVE.allFinite(floats, 0, floats.length)
                : Kernels.ACTIVE.allFinite(doubles, 0, doubles.length);
        state = finite ? FINITE : NOT_FINITE;
        return finite;
    }
}
