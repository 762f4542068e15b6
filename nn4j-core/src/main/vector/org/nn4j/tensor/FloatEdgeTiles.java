package org.nn4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The edge tiles of {@link FloatVectorKernels}: the output columns past the last whole panel of {@link FloatTiles},
 * four rows by one vector at a time, and the last columns that do not fill a vector (all of a 10-class output
 * layer when a vector holds 16 floats), sixteen or four rows at a time over a padded panel, or for a batch of a few
 * rows straight from b. Like the main tiles, every output element is one chain of fused multiply-adds in t order,
 * so they give the same bits as {@link ScalarKernels}' float32 loops.
 */
final class FloatEdgeTiles {

    private static final VectorSpecies<Float> SPECIES = FloatTiles.SPECIES;
    private static final int LANES = FloatTiles.LANES;
    private static final int GROUP = FloatTiles.GROUP;
    private static final int ROWS = FloatTiles.ROWS;

    private FloatEdgeTiles() {
    }

    /** Four rows by one vector of columns starting at c, for t0 ≤ t &lt; t1, straight from b. */
    static void tile4x1(float[] a, int rs, float[] b, float[] out, int r, int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        FloatVector c0 = FloatVector.fromArray(SPECIES, out, o);
        FloatVector c1 = FloatVector.fromArray(SPECIES, out, o + cols);
        FloatVector c2 = FloatVector.fromArray(SPECIES, out, o + 2 * cols);
        FloatVector c3 = FloatVector.fromArray(SPECIES, out, o + 3 * cols);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, t * cols + c);
            int at = a0 + t;
            FloatVector x = FloatVector.broadcast(SPECIES, a[at]);
            c0 = x.fma(bv, c0);
            x = FloatVector.broadcast(SPECIES, a[at + rs]);
            c1 = x.fma(bv, c1);
            x = FloatVector.broadcast(SPECIES, a[at + 2 * rs]);
            c2 = x.fma(bv, c2);
            x = FloatVector.broadcast(SPECIES, a[at + 3 * rs]);
            c3 = x.fma(bv, c3);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + cols);
        c2.intoArray(out, o + 2 * cols);
        c3.intoArray(out, o + 3 * cols);
    }

    /**
     * The columns {@code c0..cols} left over after the last full vector (all of a 10-class output layer when a
     * vector holds 16 floats), sixteen rows at a time where vectors are 512 bits, then four, as whole vectors over
     * {@code panel}, rows t0..t1 of b's last columns padded to one vector each: each kept lane sums the same
     * products in the same order as a plain loop would. {@code rows} is scratch for sixteen vectors.
     */
    static void tailColumns(float[] a, int rs, float[] panel, float[] rows, float[] out, int r0, int r1,
            int c0, int t0, int t1, int cols) {
        int width = cols - c0;
        int r = r0;
        if (GROUP == 8) {
            for (; r + 16 <= r1; r += 16) {
                tailColumns16(a, rs, panel, rows, out, r, c0, t0, t1, cols, width);
            }
        }
        for (; r + ROWS <= r1; r += ROWS) {
            for (int i = 0; i < ROWS; i++) {
                System.arraycopy(out, (r + i) * cols + c0, rows, i * LANES, width);
            }
            FloatVector c0v = FloatVector.fromArray(SPECIES, rows, 0);
            FloatVector c1v = FloatVector.fromArray(SPECIES, rows, LANES);
            FloatVector c2v = FloatVector.fromArray(SPECIES, rows, 2 * LANES);
            FloatVector c3v = FloatVector.fromArray(SPECIES, rows, 3 * LANES);
            int a0 = r * rs;
            for (int t = t0; t < t1; t++) {
                FloatVector bv = FloatVector.fromArray(SPECIES, panel, (t - t0) * LANES);
                int at = a0 + t;
                c0v = FloatVector.broadcast(SPECIES, a[at]).fma(bv, c0v);
                c1v = FloatVector.broadcast(SPECIES, a[at + rs]).fma(bv, c1v);
                c2v = FloatVector.broadcast(SPECIES, a[at + 2 * rs]).fma(bv, c2v);
                c3v = FloatVector.broadcast(SPECIES, a[at + 3 * rs]).fma(bv, c3v);
            }
            c0v.intoArray(rows, 0);
            c1v.intoArray(rows, LANES);
            c2v.intoArray(rows, 2 * LANES);
            c3v.intoArray(rows, 3 * LANES);
            for (int i = 0; i < ROWS; i++) {
                System.arraycopy(rows, i * LANES, out, (r + i) * cols + c0, width);
            }
        }
        for (; r < r1; r++) {
            System.arraycopy(out, r * cols + c0, rows, 0, width);
            FloatVector acc = FloatVector.fromArray(SPECIES, rows, 0);
            for (int t = t0; t < t1; t++) {
                acc = FloatVector.broadcast(SPECIES, a[r * rs + t])
                        .fma(FloatVector.fromArray(SPECIES, panel, (t - t0) * LANES), acc);
            }
            acc.intoArray(rows, 0);
            System.arraycopy(rows, 0, out, r * cols + c0, width);
        }
    }

    /**
     * {@link #tailColumns} for sixteen rows from r: sixteen chains of fused multiply-adds, twice the latency's
     * worth, and each row of b's padded panel used sixteen times per load. Where the rows hold nothing but these
     * columns ({@code c0 == 0}: a layer narrower than a vector, and wider than half of one), and this is the first
     * block of t, rows 0 to 14 store their sums as whole vectors, in row order: a vector's last lanes fall on the
     * next rows' first columns, which their own stores then overwrite. The last row goes through scratch, as the
     * rows after the tile may start their sums from out. That took the 10-class layer of a batch of 1024 from 36
     * to 26 µs, with the sixteen chains; through scratch for every row, 29.5. The sums start from zeroed scratch in
     * the first block (out is cleared by the caller) and from out's rows after it, always loaded from scratch:
     * choosing between two vectors would make JDK 17 box them, and it does not compile masked loads and stores to
     * single instructions.
     */
    private static void tailColumns16(float[] a, int rs, float[] panel, float[] rows, float[] out, int r,
            int c0, int t0, int t1, int cols, int width) {
        int o = r * cols + c0;
        if (t0 == 0) {
            Arrays.fill(rows, 0, 16 * LANES, 0f);
        } else {
            for (int i = 0; i < 16; i++) {
                System.arraycopy(out, o + i * cols, rows, i * LANES, width);
            }
        }
        FloatVector s0 = FloatVector.fromArray(SPECIES, rows, 0 * LANES);
        FloatVector s1 = FloatVector.fromArray(SPECIES, rows, 1 * LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, rows, 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, rows, 3 * LANES);
        FloatVector s4 = FloatVector.fromArray(SPECIES, rows, 4 * LANES);
        FloatVector s5 = FloatVector.fromArray(SPECIES, rows, 5 * LANES);
        FloatVector s6 = FloatVector.fromArray(SPECIES, rows, 6 * LANES);
        FloatVector s7 = FloatVector.fromArray(SPECIES, rows, 7 * LANES);
        FloatVector s8 = FloatVector.fromArray(SPECIES, rows, 8 * LANES);
        FloatVector s9 = FloatVector.fromArray(SPECIES, rows, 9 * LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, rows, 10 * LANES);
        FloatVector s11 = FloatVector.fromArray(SPECIES, rows, 11 * LANES);
        FloatVector s12 = FloatVector.fromArray(SPECIES, rows, 12 * LANES);
        FloatVector s13 = FloatVector.fromArray(SPECIES, rows, 13 * LANES);
        FloatVector s14 = FloatVector.fromArray(SPECIES, rows, 14 * LANES);
        FloatVector s15 = FloatVector.fromArray(SPECIES, rows, 15 * LANES);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, panel, (t - t0) * LANES);
            int at = a0 + t;
            s0 = FloatVector.broadcast(SPECIES, a[at + 0 * rs]).fma(bv, s0);
            s1 = FloatVector.broadcast(SPECIES, a[at + 1 * rs]).fma(bv, s1);
            s2 = FloatVector.broadcast(SPECIES, a[at + 2 * rs]).fma(bv, s2);
            s3 = FloatVector.broadcast(SPECIES, a[at + 3 * rs]).fma(bv, s3);
            s4 = FloatVector.broadcast(SPECIES, a[at + 4 * rs]).fma(bv, s4);
            s5 = FloatVector.broadcast(SPECIES, a[at + 5 * rs]).fma(bv, s5);
            s6 = FloatVector.broadcast(SPECIES, a[at + 6 * rs]).fma(bv, s6);
            s7 = FloatVector.broadcast(SPECIES, a[at + 7 * rs]).fma(bv, s7);
            s8 = FloatVector.broadcast(SPECIES, a[at + 8 * rs]).fma(bv, s8);
            s9 = FloatVector.broadcast(SPECIES, a[at + 9 * rs]).fma(bv, s9);
            s10 = FloatVector.broadcast(SPECIES, a[at + 10 * rs]).fma(bv, s10);
            s11 = FloatVector.broadcast(SPECIES, a[at + 11 * rs]).fma(bv, s11);
            s12 = FloatVector.broadcast(SPECIES, a[at + 12 * rs]).fma(bv, s12);
            s13 = FloatVector.broadcast(SPECIES, a[at + 13 * rs]).fma(bv, s13);
            s14 = FloatVector.broadcast(SPECIES, a[at + 14 * rs]).fma(bv, s14);
            s15 = FloatVector.broadcast(SPECIES, a[at + 15 * rs]).fma(bv, s15);
        }
        if (c0 == 0 && t0 == 0 && cols > 8) {
            // Rows 0..14 as whole vectors (each reaches at most 15 columns on, inside the tile); the last through
            // scratch.
            s0.intoArray(out, o + 0 * cols);
            s1.intoArray(out, o + 1 * cols);
            s2.intoArray(out, o + 2 * cols);
            s3.intoArray(out, o + 3 * cols);
            s4.intoArray(out, o + 4 * cols);
            s5.intoArray(out, o + 5 * cols);
            s6.intoArray(out, o + 6 * cols);
            s7.intoArray(out, o + 7 * cols);
            s8.intoArray(out, o + 8 * cols);
            s9.intoArray(out, o + 9 * cols);
            s10.intoArray(out, o + 10 * cols);
            s11.intoArray(out, o + 11 * cols);
            s12.intoArray(out, o + 12 * cols);
            s13.intoArray(out, o + 13 * cols);
            s14.intoArray(out, o + 14 * cols);
            s15.intoArray(rows, 0);
            System.arraycopy(rows, 0, out, o + 15 * cols, width);
            return;
        }
        s0.intoArray(rows, 0 * LANES);
        s1.intoArray(rows, 1 * LANES);
        s2.intoArray(rows, 2 * LANES);
        s3.intoArray(rows, 3 * LANES);
        s4.intoArray(rows, 4 * LANES);
        s5.intoArray(rows, 5 * LANES);
        s6.intoArray(rows, 6 * LANES);
        s7.intoArray(rows, 7 * LANES);
        s8.intoArray(rows, 8 * LANES);
        s9.intoArray(rows, 9 * LANES);
        s10.intoArray(rows, 10 * LANES);
        s11.intoArray(rows, 11 * LANES);
        s12.intoArray(rows, 12 * LANES);
        s13.intoArray(rows, 13 * LANES);
        s14.intoArray(rows, 14 * LANES);
        s15.intoArray(rows, 15 * LANES);
        for (int i = 0; i < 16; i++) {
            System.arraycopy(rows, i * LANES, out, o + i * cols, width);
        }
    }

    /**
     * Row r's columns {@code c0..cols} (fewer than one vector) for t0 ≤ t &lt; t1, straight from b: each vector
     * loaded at {@code b[t·cols + c0]} reaches into the next row of b, whose lanes are summed but never stored. The
     * last values of t, whose vector would run past the end of b, are added lane by lane with {@link Math#fma},
     * which rounds as the vector's lanes do. {@code rows} is scratch for one vector.
     */
    static void tailRow(float[] a, int rs, float[] b, float[] rows, float[] out, int r, int c0, int t0, int t1,
            int cols) {
        int width = cols - c0;
        int o = r * cols + c0;
        int a0 = r * rs;
        // The values of t whose whole vector lies inside b: t·cols + c0 + LANES ≤ b.length.
        int room = b.length - c0 - LANES;
        int inside = room < 0 ? t0 : Math.max(t0, Math.min(t1, room / cols + 1));
        System.arraycopy(out, o, rows, 0, width);
        FloatVector acc = FloatVector.fromArray(SPECIES, rows, 0);
        for (int t = t0; t < inside; t++) {
            acc = FloatVector.broadcast(SPECIES, a[a0 + t]).fma(FloatVector.fromArray(SPECIES, b, t * cols + c0), acc);
        }
        acc.intoArray(rows, 0);
        for (int t = inside; t < t1; t++) {
            float x = a[a0 + t];
            for (int j = 0, at = t * cols + c0; j < width; j++) {
                rows[j] = Math.fma(x, b[at + j], rows[j]);
            }
        }
        System.arraycopy(rows, 0, out, o, width);
    }
}
