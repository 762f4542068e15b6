package org.nn4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 counterpart of {@link VectorKernels}: the same tiles, blocks, bands, panels and threads, over
 * {@code FloatVector}s twice as wide, and with fused multiply-add ({@code x·b + c} rounded once), which both
 * doubles the arithmetic per instruction and rounds less. {@link ScalarKernels}' float32 loops use
 * {@link Math#fma} in the same order, so the two still agree bit for bit.
 */
final class FloatVectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;
    private static final int VECTORS = 3;
    private static final int BLOCK = 256;
    private static final int BAND = 64;

    /** Products this small (the tutorial's XOR) run faster as plain loops, which give the same bits. */
    private static final int TINY_WORK = 512;
    private static final ScalarKernels PLAIN = new ScalarKernels();

    /** Below this many rows, copying b into panels costs more than it saves. */
    private static final int PACK_MIN_ROWS = 16;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PANELS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[0]);
    /** Four rows of a tile's part of out, one vector each, for the columns left over after the last full vector. */
    private static final ThreadLocal<float[]> TAIL_ROWS = ThreadLocal.withInitial(() -> new float[ROWS * LANES]);

    static void multiply(float[] a, float[] b, float[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiply(a, b, out, n, k, m);
            return;
        }
        Arrays.fill(out, 0, n * m, 0f);
        accumulateInParallel(a, k, 1, b, out, n, k, m);
    }

    static void multiplyTransposedA(float[] a, float[] b, float[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiplyTransposedA(a, b, out, n, k, m);
            return;
        }
        Arrays.fill(out, 0, k * m, 0f);
        // Output row r is column r of a: A(r, t) = a[t·k + r], summed over the n rows t.
        accumulateInParallel(a, 1, k, b, out, k, n, m);
    }

    static void multiplyTransposedB(float[] a, float[] b, float[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiplyTransposedB(a, b, out, n, k, m);
            return;
        }
        float[] bt = SCRATCH.get();
        if (bt.length < k * m) {
            bt = new float[k * m];
            SCRATCH.set(bt);
        }
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * m + j] = b[j * k + p];
            }
        }
        multiply(a, bt, out, n, k, m);
    }

    /**
     * As {@link #accumulate}, for all rows, split into bands of rows that {@link KernelThreads} computes at the
     * same time when the product is large. Each output element is still summed by one thread in one order, so the
     * bits do not depend on the number of threads.
     */
    private static void accumulateInParallel(float[] a, int rowStride, int depthStride, float[] b, float[] out,
            int rows, int depth, int cols) {
        long work = (long) rows * depth * cols;
        if (!KernelThreads.worthSplitting(rows, ROWS, work)) {
            // Checked here so that the common small product creates no lambda: the loop allocates nothing.
            accumulate(a, rowStride, depthStride, b, out, 0, rows, depth, cols);
            return;
        }
        KernelThreads.forRowBands(rows, ROWS,
                (from, to) -> accumulate(a, rowStride, depthStride, b, out, from, to, depth, cols));
    }

    /**
     * {@code out[r][c] += Σ_t A(r, t) · b[t][c]} for {@code rowFrom ≤ r < rowTo}, t &lt; depth, c &lt; cols, where
     * {@code A(r, t) = a[r·rowStride + t·depthStride]} and b is depth×cols.
     */
    private static void accumulate(float[] a, int rowStride, int depthStride, float[] b, float[] out, int rowFrom,
            int rowTo, int depth, int cols) {
        int tileCols = VECTORS * LANES;
        int vectorCols = cols - cols % LANES;
        for (int t0 = 0; t0 < depth; t0 += BLOCK) {
            int t1 = Math.min(depth, t0 + BLOCK);
            // With enough rows to pay for it, the block's column tiles of b are copied into one contiguous panel
            // each: a tile then reads its part of b as one stream instead of a few values from each long row.
            float[] panels = null;
            if (rowTo - rowFrom >= PACK_MIN_ROWS && cols >= tileCols) {
                panels = pack(b, t0, t1, cols, tileCols);
            }
            float[] tail = vectorCols < cols ? packTail(b, t0, t1, vectorCols, cols) : null;
            // A band of rows at a time, so that its part of A stays in cache while every column tile reads it.
            for (int r0 = rowFrom; r0 < rowTo; r0 += BAND) {
                int r1 = Math.min(rowTo, r0 + BAND);
                int c = 0;
                for (; c + tileCols <= cols; c += tileCols) {
                    float[] bp = panels != null ? panels : b;
                    int bStart = panels != null ? (c / tileCols) * (t1 - t0) * tileCols : t0 * cols + c;
                    int bStride = panels != null ? tileCols : cols;
                    int r = r0;
                    for (; r + ROWS <= r1; r += ROWS) {
                        tile4x3(a, rowStride, depthStride, bp, bStart, bStride, out, r, c, t0, t1, cols);
                    }
                    for (; r < r1; r++) {
                        tile1x3(a, rowStride, depthStride, bp, bStart, bStride, out, r, c, t0, t1, cols);
                    }
                }
                for (; c < vectorCols; c += LANES) {
                    int r = r0;
                    for (; r + ROWS <= r1; r += ROWS) {
                        tile4x1(a, rowStride, depthStride, b, out, r, c, t0, t1, cols);
                    }
                    for (; r < r1; r++) {
                        row1x1(a, rowStride, depthStride, b, out, r, c, t0, t1, cols);
                    }
                }
                if (c < cols) {
                    tailColumns(a, rowStride, depthStride, tail, out, r0, r1, c, t0, t1, cols);
                }
            }
        }
    }

    /**
     * Copies columns {@code c0..cols} (fewer than one vector) of rows t0..t1 of b into a per-thread panel of one
     * vector per row; the lanes past the last column hold whatever was there, and feed only lanes that are never
     * stored.
     */
    private static float[] packTail(float[] b, int t0, int t1, int c0, int cols) {
        float[] panel = TAIL.get();
        if (panel.length < (t1 - t0) * LANES) {
            panel = new float[(t1 - t0) * LANES];
            TAIL.set(panel);
        }
        for (int t = t0; t < t1; t++) {
            System.arraycopy(b, t * cols + c0, panel, (t - t0) * LANES, cols - c0);
        }
        return panel;
    }

    /**
     * The columns {@code c0..cols} left over after the last full vector (all of a 10-class output layer when a
     * vector holds 16 floats), four rows at a time as whole vectors over the padded panel of {@link #packTail}:
     * each kept lane sums the same products in the same order as a plain loop would.
     */
    private static void tailColumns(float[] a, int rs, int ds, float[] panel, float[] out, int r0, int r1, int c0,
            int t0, int t1, int cols) {
        int width = cols - c0;
        float[] rows = TAIL_ROWS.get();
        int r = r0;
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
                int at = a0 + t * ds;
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
                acc = FloatVector.broadcast(SPECIES, a[r * rs + t * ds]).fma(FloatVector.fromArray(SPECIES, panel, (t - t0) * LANES), acc);
            }
            acc.intoArray(rows, 0);
            System.arraycopy(rows, 0, out, r * cols + c0, width);
        }
    }

    private static boolean isTiny(int n, int k, int m) {
        return (long) n * k * m <= TINY_WORK || m < LANES && k < LANES;
    }

    /** Copies rows t0..t1 of each full column tile of b into consecutive panels of a per-thread scratch array. */
    private static float[] pack(float[] b, int t0, int t1, int cols, int tileCols) {
        int tiles = cols / tileCols;
        int depth = t1 - t0;
        float[] panels = PANELS.get();
        if (panels.length < tiles * depth * tileCols) {
            panels = new float[tiles * depth * tileCols];
            PANELS.set(panels);
        }
        int at = 0;
        for (int tile = 0; tile < tiles; tile++) {
            int c = tile * tileCols;
            for (int t = t0; t < t1; t++) {
                System.arraycopy(b, t * cols + c, panels, at, tileCols);
                at += tileCols;
            }
        }
        return panels;
    }

    /**
     * Four rows by three vectors. Row t of the tile's part of b starts at {@code bp[bStart + (t − t0)·bStride]}:
     * in b itself, or in a packed panel.
     */
    private static void tile4x3(float[] a, int rs, int ds, float[] b, int bStart, int bStride, float[] out, int r,
            int c, int t0, int t1, int cols) {
        int o0 = r * cols + c;
        int o1 = o0 + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        FloatVector c00 = FloatVector.fromArray(SPECIES, out, o0);
        FloatVector c01 = FloatVector.fromArray(SPECIES, out, o0 + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, out, o0 + 2 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, out, o1);
        FloatVector c11 = FloatVector.fromArray(SPECIES, out, o1 + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, out, o1 + 2 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, out, o2);
        FloatVector c21 = FloatVector.fromArray(SPECIES, out, o2 + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, out, o2 + 2 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, out, o3);
        FloatVector c31 = FloatVector.fromArray(SPECIES, out, o3 + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, out, o3 + 2 * LANES);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            int bt = bStart + (t - t0) * bStride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bt + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bt + 2 * LANES);
            int at = a0 + t * ds;
            FloatVector x = FloatVector.broadcast(SPECIES, a[at]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(SPECIES, a[at + rs]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(SPECIES, a[at + 2 * rs]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(SPECIES, a[at + 3 * rs]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + LANES);
        c02.intoArray(out, o0 + 2 * LANES);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + LANES);
        c12.intoArray(out, o1 + 2 * LANES);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + LANES);
        c22.intoArray(out, o2 + 2 * LANES);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + LANES);
        c32.intoArray(out, o3 + 2 * LANES);
    }

    /** One row by three vectors: the leftover rows of a band, and the whole of a batch of 1. */
    private static void tile1x3(float[] a, int rs, int ds, float[] b, int bStart, int bStride, float[] out, int r,
            int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        FloatVector c0 = FloatVector.fromArray(SPECIES, out, o);
        FloatVector c1 = FloatVector.fromArray(SPECIES, out, o + LANES);
        FloatVector c2 = FloatVector.fromArray(SPECIES, out, o + 2 * LANES);
        for (int t = t0; t < t1; t++) {
            int bt = bStart + (t - t0) * bStride;
            FloatVector x = FloatVector.broadcast(SPECIES, a[r * rs + t * ds]);
            c0 = x.fma(FloatVector.fromArray(SPECIES, b, bt), c0);
            c1 = x.fma(FloatVector.fromArray(SPECIES, b, bt + LANES), c1);
            c2 = x.fma(FloatVector.fromArray(SPECIES, b, bt + 2 * LANES), c2);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + LANES);
        c2.intoArray(out, o + 2 * LANES);
    }

    /** Four rows by one vector: the columns left over after the three-vector tiles. */
    private static void tile4x1(float[] a, int rs, int ds, float[] b, float[] out, int r, int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        FloatVector c0 = FloatVector.fromArray(SPECIES, out, o);
        FloatVector c1 = FloatVector.fromArray(SPECIES, out, o + cols);
        FloatVector c2 = FloatVector.fromArray(SPECIES, out, o + 2 * cols);
        FloatVector c3 = FloatVector.fromArray(SPECIES, out, o + 3 * cols);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, t * cols + c);
            int at = a0 + t * ds;
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

    private static void row1x1(float[] a, int rs, int ds, float[] b, float[] out, int r, int c, int t0, int t1,
            int cols) {
        int o = r * cols + c;
        FloatVector acc = FloatVector.fromArray(SPECIES, out, o);
        for (int t = t0; t < t1; t++) {
            acc = FloatVector.broadcast(SPECIES, a[r * rs + t * ds]).fma(FloatVector.fromArray(SPECIES, b, t * cols + c),
                    acc);
        }
        acc.intoArray(out, o);
    }
}
