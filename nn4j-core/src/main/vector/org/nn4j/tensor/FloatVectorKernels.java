package org.nn4j.tensor;

import java.util.Arrays;

/**
 * The float32 counterpart of {@link VectorKernels}, over {@code FloatVector}s twice as wide and with fused
 * multiply-add ({@code x·b + c} rounded once), which both doubles the arithmetic per instruction and rounds less.
 * {@link ScalarKernels}' float32 loops use {@link Math#fma} in the same order, so the two agree bit for bit.
 *
 * <p>A product runs in three parts. The bulk, whole groups of {@link FloatTiles#GROUP} rows by whole panels of
 * {@link FloatTiles#PANEL_COLS} columns, goes through {@link FloatTiles#group} on packed copies of both operands,
 * block by block of the summed index (so that a block of B stays in cache) and band by band of rows (so that a
 * band of A does). Rows too few for a group (a batch of 1, the last rows) stream b directly through
 * {@link FloatTiles#wideRow}. The columns past the last whole panel, and products too narrow to reuse a packed
 * group of rows, take the four-row remainder tiles.
 */
final class FloatVectorKernels {

    private static final int LANES = FloatTiles.LANES;
    private static final int GROUP = FloatTiles.GROUP;
    private static final int PANEL_COLS = FloatTiles.PANEL_COLS;
    private static final int ROWS = FloatTiles.ROWS;
    private static final int BLOCK = 256;
    /**
     * Packing a group of a's rows costs about what one panel's tile does with it, so it pays only when at least
     * this many panels of columns reuse it; narrower products (a hidden layer of 32 units) take the remainder tiles.
     */
    private static final int MIN_PANELS = 2;
    /** Rows packed at a time: a multiple of every group size. */
    private static final int BAND = 64;

    /** Products this small (the tutorial's XOR) run faster as plain loops, which give the same bits. */
    private static final int TINY_WORK = 512;
    private static final ScalarKernels PLAIN = new ScalarKernels();

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> A_PANELS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> B_PANELS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[0]);
    /** Four rows of a tile's part of out, one vector each, for the columns left over after the last full vector. */
    private static final ThreadLocal<float[]> TAIL_ROWS = ThreadLocal.withInitial(() -> new float[ROWS * LANES]);

    private FloatVectorKernels() {
    }

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
        if (!KernelThreads.worthSplitting(rows, GROUP, work)) {
            // Checked here so that the common small product creates no lambda: the loop allocates nothing.
            accumulate(a, rowStride, depthStride, b, out, 0, rows, depth, cols);
            return;
        }
        KernelThreads.forRowBands(rows, GROUP,
                (from, to) -> accumulate(a, rowStride, depthStride, b, out, from, to, depth, cols));
    }

    /**
     * {@code out[r][c] += Σ_t A(r, t) · b[t][c]} for {@code rowFrom ≤ r < rowTo}, t &lt; depth, c &lt; cols, where
     * {@code A(r, t) = a[r·rowStride + t·depthStride]} and b is depth×cols.
     */
    private static void accumulate(float[] a, int rowStride, int depthStride, float[] b, float[] out, int rowFrom,
            int rowTo, int depth, int cols) {
        int grouped = (rowTo - rowFrom) / GROUP * GROUP;
        if (grouped > 0 && cols < MIN_PANELS * PANEL_COLS) {
            // Too few columns to reuse a packed group of rows: the remainder tiles read a directly.
            remainder(a, rowStride, depthStride, b, out, rowFrom, rowTo, depth, cols, 0);
            return;
        }
        // The columns the packed tiles (or, without a whole group of rows, the wide rows) cover.
        int covered = grouped > 0 ? cols - cols % PANEL_COLS : cols - cols % LANES;
        if (grouped > 0 && covered > 0) {
            packed(a, rowStride, depthStride, b, out, rowFrom, rowFrom + grouped, depth, cols, covered);
        }
        for (int r = rowFrom + (covered > 0 ? grouped : rowTo - rowFrom); r < rowTo; r++) {
            FloatTiles.wideRow(a, rowStride, depthStride, b, out, r, depth, cols, covered);
        }
        if (covered < cols) {
            remainder(a, rowStride, depthStride, b, out, rowFrom, rowTo, depth, cols, covered);
        }
    }

    /** Rows {@code rowFrom..rowTo} (whole groups) by columns {@code 0..covered} (whole panels), on packed copies. */
    private static void packed(float[] a, int rs, int ds, float[] b, float[] out, int rowFrom, int rowTo, int depth,
            int cols, int covered) {
        int panels = covered / PANEL_COLS;
        for (int t0 = 0; t0 < depth; t0 += BLOCK) {
            int t1 = Math.min(depth, t0 + BLOCK);
            int d = t1 - t0;
            float[] bp = packB(b, t0, t1, cols, panels);
            for (int r0 = rowFrom; r0 < rowTo; r0 += BAND) {
                int r1 = Math.min(rowTo, r0 + BAND);
                int groups = (r1 - r0) / GROUP;
                float[] ap = packA(a, rs, ds, r0, groups, t0, d);
                for (int p = 0; p < panels; p++) {
                    int bOff = p * d * PANEL_COLS;
                    for (int g = 0; g < groups; g++) {
                        FloatTiles.group(ap, g * d * GROUP, bp, bOff, d, out, (r0 + g * GROUP) * cols + p * PANEL_COLS,
                                cols);
                    }
                }
            }
        }
    }

    /** Rows t0..t1 of b's first {@code panels} column panels, each panel's rows one after the other. */
    private static float[] packB(float[] b, int t0, int t1, int cols, int panels) {
        int d = t1 - t0;
        float[] bp = B_PANELS.get();
        if (bp.length < panels * d * PANEL_COLS) {
            bp = new float[panels * d * PANEL_COLS];
            B_PANELS.set(bp);
        }
        int at = 0;
        for (int p = 0; p < panels; p++) {
            for (int t = t0; t < t1; t++) {
                System.arraycopy(b, t * cols + p * PANEL_COLS, bp, at, PANEL_COLS);
                at += PANEL_COLS;
            }
        }
        return bp;
    }

    /**
     * {@code groups} groups of A's rows from r0, columns t0..t0+d: group g's value A(r0 + g·GROUP + i, t0 + t) at
     * {@code g·d·GROUP + t·GROUP + i}.
     */
    private static float[] packA(float[] a, int rs, int ds, int r0, int groups, int t0, int d) {
        float[] ap = A_PANELS.get();
        if (ap.length < groups * d * GROUP) {
            ap = new float[groups * d * GROUP];
            A_PANELS.set(ap);
        }
        for (int g = 0; g < groups; g++) {
            int base = g * d * GROUP;
            for (int i = 0; i < GROUP; i++) {
                int from = (r0 + g * GROUP + i) * rs + t0 * ds;
                for (int t = 0; t < d; t++) {
                    ap[base + t * GROUP + i] = a[from + t * ds];
                }
            }
        }
        return ap;
    }

    /**
     * All rows by columns {@code c0..cols}: the columns past the last whole panel, or all of a product too narrow
     * for packing; vectors of four rows straight from a and b, then the padded tail.
     */
    private static void remainder(float[] a, int rs, int ds, float[] b, float[] out, int rowFrom, int rowTo,
            int depth, int cols, int c0) {
        int vectorCols = cols - cols % LANES;
        for (int t0 = 0; t0 < depth; t0 += BLOCK) {
            int t1 = Math.min(depth, t0 + BLOCK);
            float[] tail = vectorCols < cols ? packTail(b, t0, t1, vectorCols, cols) : null;
            for (int r0 = rowFrom; r0 < rowTo; r0 += BAND) {
                int r1 = Math.min(rowTo, r0 + BAND);
                for (int c = c0; c < vectorCols; c += LANES) {
                    int r = r0;
                    for (; r + ROWS <= r1; r += ROWS) {
                        FloatTiles.tile4x1(a, rs, ds, b, out, r, c, t0, t1, cols);
                    }
                    for (; r < r1; r++) {
                        FloatTiles.row1x1(a, rs, ds, b, out, r, c, t0, t1, cols);
                    }
                }
                if (vectorCols < cols) {
                    FloatTiles.tailColumns(a, rs, ds, tail, TAIL_ROWS.get(), out, r0, r1, Math.max(c0, vectorCols),
                            t0, t1, cols);
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

    private static boolean isTiny(int n, int k, int m) {
        return (long) n * k * m <= TINY_WORK || m < LANES && k < LANES;
    }
}
