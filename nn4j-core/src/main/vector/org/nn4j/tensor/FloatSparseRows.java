package org.nn4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The rows of {@link FloatTiles#wideRow} and {@link FloatEdgeTiles#tailRow} (a product of a few rows, such as one
 * sample) when many of a row's values are zero and b is known to be finite: only b's rows for the other values are
 * read. A sample after a ReLU layer has about half its values at zero, and raw inputs such as image pixels or
 * one-hot columns often more.
 *
 * <p>The bits are those of the full rows. For a finite w, {@code 0·w} is ±0, and adding ±0 to a sum leaves it
 * unchanged unless the sum is itself a zero; a sum that starts from +0 (as every product's does) is never −0, since
 * round-to-nearest gives +0 for both {@code +0 + −0} and {@code x + (−x)}, so adding ±0 leaves +0 as it is. With an
 * infinite or NaN w, {@code 0·w} is NaN, which is why b must be known finite.
 *
 * <p>The loops here read b at offsets taken from a list, which costs a range check per load where the full rows'
 * loops have none: over a row with no zeros, 1.2 µs more for a 784×256 layer (7.6 µs on an AMD EPYC with 512-bit
 * vectors). Measured there for one sample, 256×128 and 784×256: with a fifth of the values zero these loops were
 * slower (1.48 against 1.37 µs; 8.1 against 7.8), with three tenths about even (1.20 against 1.06; 7.9 against
 * 9.0), with half faster (0.92 against 1.27; 4.5 against 6.7). A row is therefore taken here only when at least a
 * third of its values are zero.
 * Sixteen vectors of sums per pass where the registers allow, as the full rows have: two passes of eight over a
 * 256-wide layer read b's rows in halves, which cost more than the list.
 */
final class FloatSparseRows {

    private static final VectorSpecies<Float> SPECIES = FloatTiles.SPECIES;
    private static final int LANES = FloatTiles.LANES;
    /** A row skips its zeros when at least 1/MIN_ZERO_SHARE of its values are zero. */
    private static final int MIN_ZERO_SHARE = 3;

    /** Per thread: the offsets in b of the rows to read, and a's values for them. */
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<float[]> VALUES = ThreadLocal.withInitial(() -> new float[0]);

    private FloatSparseRows() {
    }

    /**
     * As {@link FloatTiles#wideRow} for row r's columns {@code [0, limit)}, over the values of t where a is not
     * zero; false, with nothing written, when too few values are zero. Out's row holds +0 (the sums' start).
     */
    static boolean wideRow(float[] a, int rs, float[] b, float[] out, int r, int depth, int cols, int limit) {
        int count = nonZeros(a, r * rs, depth, cols, 0);
        if (count < 0) {
            return false;
        }
        int[] offsets = OFFSETS.get();
        float[] values = VALUES.get();
        int o = r * cols;
        int c = 0;
        if (FloatTiles.GROUP == 8) {
            for (; c + 16 * LANES <= limit; c += 16 * LANES) {
                wide16(offsets, values, count, b, c, out, o + c);
            }
        }
        for (; c + 8 * LANES <= limit; c += 8 * LANES) {
            wide8(offsets, values, count, b, c, out, o + c);
        }
        for (; c < limit; c += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int i = 0; i < count; i++) {
                acc = FloatVector.broadcast(SPECIES, values[i])
                        .fma(FloatVector.fromArray(SPECIES, b, offsets[i] + c), acc);
            }
            acc.intoArray(out, o + c);
        }
        return true;
    }

    /**
     * As {@link FloatEdgeTiles#tailRow} for row r's columns {@code c0..cols} (fewer than one vector) over all of t,
     * over the values of t where a is not zero; false, with nothing written, when too few values are zero. Out's
     * row holds +0 in those columns. {@code rows} is scratch for one vector.
     */
    static boolean tailRow(float[] a, int rs, float[] b, float[] rows, float[] out, int r, int c0, int depth,
            int cols) {
        int count = nonZeros(a, r * rs, depth, cols, c0);
        if (count < 0) {
            return false;
        }
        int[] offsets = OFFSETS.get();
        float[] values = VALUES.get();
        int width = cols - c0;
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        // As in tailRow, each vector reaches into b's next row, in lanes that are never stored; the last rows of b,
        // whose vector would run past its end, go lane by lane.
        for (; i < count && offsets[i] + LANES <= b.length; i++) {
            acc = FloatVector.broadcast(SPECIES, values[i]).fma(FloatVector.fromArray(SPECIES, b, offsets[i]), acc);
        }
        acc.intoArray(rows, 0);
        for (; i < count; i++) {
            for (int j = 0; j < width; j++) {
                rows[j] = Math.fma(values[i], b[offsets[i] + j], rows[j]);
            }
        }
        System.arraycopy(rows, 0, out, r * cols + c0, width);
        return true;
    }

    /**
     * Lists the values of t in {@code [0, depth)} where {@code a[a0 + t]} is not zero, in increasing order, as b's
     * offsets {@code t·cols + c0} and a's values, and returns how many; −1 (listing nothing) when fewer than a
     * third of them, or none, are zero. NaN is not zero, and is listed.
     */
    private static int nonZeros(float[] a, int a0, int depth, int cols, int c0) {
        int zeros = 0;
        int t = 0;
        for (; t + LANES <= depth; t += LANES) {
            zeros += FloatVector.fromArray(SPECIES, a, a0 + t).eq(0f).trueCount();
        }
        for (; t < depth; t++) {
            zeros += a[a0 + t] == 0f ? 1 : 0;
        }
        if (zeros < depth / MIN_ZERO_SHARE || zeros == 0) {
            return -1;
        }
        int[] offsets = OFFSETS.get();
        float[] values = VALUES.get();
        if (offsets.length < depth) {
            offsets = new int[depth];
            values = new float[depth];
            OFFSETS.set(offsets);
            VALUES.set(values);
        }
        int count = 0;
        for (t = 0; t < depth; t++) {
            // Written for every t and kept for those not zero: no branch to mispredict on half-zero rows.
            float x = a[a0 + t];
            offsets[count] = t * cols + c0;
            values[count] = x;
            count += x != 0f ? 1 : 0;
        }
        return count;
    }

    /** Sixteen vectors of out's row from {@code out[o]}, for b's columns from c, over the listed rows of b. */
    private static void wide16(int[] offsets, float[] values, int count, float[] b, int c, float[] out, int o) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        FloatVector c8 = FloatVector.zero(SPECIES);
        FloatVector c9 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c13 = FloatVector.zero(SPECIES);
        FloatVector c14 = FloatVector.zero(SPECIES);
        FloatVector c15 = FloatVector.zero(SPECIES);
        for (int i = 0; i < count; i++) {
            FloatVector x = FloatVector.broadcast(SPECIES, values[i]);
            int bt = offsets[i] + c;
            c0 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 0 * LANES), c0);
            c1 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 1 * LANES), c1);
            c2 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 2 * LANES), c2);
            c3 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 3 * LANES), c3);
            c4 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 4 * LANES), c4);
            c5 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 5 * LANES), c5);
            c6 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 6 * LANES), c6);
            c7 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 7 * LANES), c7);
            c8 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 8 * LANES), c8);
            c9 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 9 * LANES), c9);
            c10 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 10 * LANES), c10);
            c11 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 11 * LANES), c11);
            c12 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 12 * LANES), c12);
            c13 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 13 * LANES), c13);
            c14 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 14 * LANES), c14);
            c15 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 15 * LANES), c15);
        }
        c0.intoArray(out, o + 0 * LANES);
        c1.intoArray(out, o + 1 * LANES);
        c2.intoArray(out, o + 2 * LANES);
        c3.intoArray(out, o + 3 * LANES);
        c4.intoArray(out, o + 4 * LANES);
        c5.intoArray(out, o + 5 * LANES);
        c6.intoArray(out, o + 6 * LANES);
        c7.intoArray(out, o + 7 * LANES);
        c8.intoArray(out, o + 8 * LANES);
        c9.intoArray(out, o + 9 * LANES);
        c10.intoArray(out, o + 10 * LANES);
        c11.intoArray(out, o + 11 * LANES);
        c12.intoArray(out, o + 12 * LANES);
        c13.intoArray(out, o + 13 * LANES);
        c14.intoArray(out, o + 14 * LANES);
        c15.intoArray(out, o + 15 * LANES);
    }

    /** Eight vectors of out's row from {@code out[o]}, for b's columns from c, over the listed rows of b. */
    private static void wide8(int[] offsets, float[] values, int count, float[] b, int c, float[] out, int o) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        for (int i = 0; i < count; i++) {
            FloatVector x = FloatVector.broadcast(SPECIES, values[i]);
            int bt = offsets[i] + c;
            c0 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 0 * LANES), c0);
            c1 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 1 * LANES), c1);
            c2 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 2 * LANES), c2);
            c3 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 3 * LANES), c3);
            c4 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 4 * LANES), c4);
            c5 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 5 * LANES), c5);
            c6 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 6 * LANES), c6);
            c7 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 7 * LANES), c7);
        }
        c0.intoArray(out, o + 0 * LANES);
        c1.intoArray(out, o + 1 * LANES);
        c2.intoArray(out, o + 2 * LANES);
        c3.intoArray(out, o + 3 * LANES);
        c4.intoArray(out, o + 4 * LANES);
        c5.intoArray(out, o + 5 * LANES);
        c6.intoArray(out, o + 6 * LANES);
        c7.intoArray(out, o + 7 * LANES);
    }
}
