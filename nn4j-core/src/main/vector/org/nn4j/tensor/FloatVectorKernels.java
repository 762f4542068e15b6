package org.nn4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The float32 counterpart of {@link VectorKernels}, over {@code FloatVector}s twice as wide and with fused
 * multiply-add ({@code x·b + c} rounded once), which both doubles the arithmetic per instruction and rounds less.
 * {@link ScalarKernels}' float32 loops use {@link Math#fma} in the same order, so the two agree bit for bit.
 *
 * <p>A product runs in three parts. The bulk, whole groups of {@link FloatTiles#GROUP} rows by whole panels of
 * {@link FloatTiles#PANEL_COLS} columns, goes through {@link FloatTiles#group} on A's rows and a packed copy of B,
 * band by band of rows (so that a band of A and of the output stays in cache) and, within a band, block by block of
 * the summed index. A product with A transposed first transposes A into a per-thread copy, so that every product
 * reads A by rows. Rows too few for a group (a batch of 1, the last rows) stream b directly through
 * {@link FloatTiles#wideRow}. The columns past the last whole panel (all of a product narrower than one panel,
 * such as a 10-class output layer) take the remainder tiles of eight or four rows.
 */
final class FloatVectorKernels {

    private static final int LANES = FloatTiles.LANES;
    private static final int GROUP = FloatTiles.GROUP;
    private static final int PANEL_COLS = FloatTiles.PANEL_COLS;
    private static final int ROWS = FloatTiles.ROWS;
    /**
     * The most values of the summed index in one block: every extra block stores and reloads the sums, and a packed
     * panel of 1024 rows (128 KB) streams from the second-level cache as fast as the tile uses it on an AMD EPYC with
     * 512-bit vectors. There the 1024² product ran 1.03× as fast in one block as in two of 512; the first layer at a
     * batch of 1024 (784 inputs) took 1,953 µs as one block, 1,946–1,989 as two of 392 and 1,991 as 256, 256, 256
     * and 16.
     */
    private static final int BLOCK = 1024;
    /** Rows whose part of a stays in cache while the panels of b pass by: a multiple of every group size. */
    private static final int BAND = 64;
    /**
     * The most floats of B packed at a time (16 MB per thread, which keeps for each thread): a larger B is packed a
     * span of blocks at a time, each band of rows passing through one span before the next is packed.
     */
    static final int PACKED_LIMIT = 1 << 22;

    /** Products this small (the tutorial's XOR) run faster as plain loops, which give the same bits. */
    private static final int TINY_WORK = 512;
    private static final ScalarKernels PLAIN = new ScalarKernels();

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> A_TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> B_PANELS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[0]);
    /** Whether {@link #transpose} gathers vectors: x86 compiles a gather of 256 bits or more to one instruction. */
    private static final boolean GATHERS = FloatTiles.SPECIES.vectorBitSize() >= 256
            && System.getProperty("os.arch", "").matches("amd64|x86_64");
    /** The offsets of one vector's rows for {@link #transpose}'s gathers. */
    private static final ThreadLocal<int[]> ROW_STARTS = ThreadLocal.withInitial(() -> new int[LANES]);
    /** Rows of a tile's part of out, one vector each, for the columns left over after the last full vector. */
    private static final ThreadLocal<float[]> TAIL_ROWS = ThreadLocal.withInitial(() -> new float[16 * LANES]);

    private FloatVectorKernels() {
    }

    static void multiply(float[] a, float[] b, float[] out, int n, int k, int m) {
        multiply(a, b, false, out, n, k, m);
    }

    /** As {@link MatrixKernels#multiply(float[], float[], boolean, float[], int, int, int)}. */
    static void multiply(float[] a, float[] b, boolean bFinite, float[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiply(a, b, out, n, k, m);
            return;
        }
        productInParallel(a, k, b, bFinite, out, n, k, m, null, null);
    }

    /**
     * {@code z = a·b}, then bias and ReLU as {@link VectorElementwise#addBiasThenRelu} would apply them: to each
     * packed tile's block right after its last block of the summed index is stored, elsewhere after the product.
     */
    static void multiplyAddBiasThenRelu(float[] a, float[] b, boolean bFinite, float[] bias, float[] z, float[] act,
            int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiply(a, b, z, n, k, m);
            VectorElementwise.addBiasThenRelu(z, bias, act, n, m);
            return;
        }
        productInParallel(a, k, b, bFinite, z, n, k, m, bias, act);
    }

    static void multiplyTransposedA(float[] a, float[] b, float[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiplyTransposedA(a, b, out, n, k, m);
            return;
        }
        // Output row r is column r of a, summed over a's n rows: the tiles read rows, so a is transposed first.
        float[] at = A_TRANSPOSED.get();
        if (at.length < n * k) {
            at = new float[n * k];
            A_TRANSPOSED.set(at);
        }
        transpose(a, at, n, k);
        productInParallel(at, n, b, false, out, k, n, m, null, null);
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
        transpose(b, bt, m, k);
        multiply(a, bt, false, out, n, k, m);
    }

    /**
     * {@code to = fromᵀ} for a rows×cols {@code from}. On x86 with vectors of 256 bits or more, row j of {@code to}
     * (column j of {@code from}) is written a vector at a time, each vector gathered from {@link #LANES} rows of
     * {@code from}: a 64×784 batch took 23 µs against 53 element by element. Elsewhere the compiler may not turn a
     * gather into one instruction, so the copy goes element by element in square blocks.
     */
    private static void transpose(float[] from, float[] to, int rows, int cols) {
        if (GATHERS) {
            transposeByGathers(from, to, rows, cols);
        } else {
            transposeByElements(from, to, rows, cols);
        }
    }

    static void transposeByGathers(float[] from, float[] to, int rows, int cols) {
        int[] rowStarts = ROW_STARTS.get();
        for (int i = 0; i < LANES; i++) {
            rowStarts[i] = i * cols;
        }
        int r = 0;
        for (; r + LANES <= rows; r += LANES) {
            int at = r * cols;
            for (int c = 0; c < cols; c++) {
                FloatVector.fromArray(FloatTiles.SPECIES, from, at + c, rowStarts, 0).intoArray(to, c * rows + r);
            }
        }
        transposeByElements(from, to, r, rows, cols);
    }

    static void transposeByElements(float[] from, float[] to, int rows, int cols) {
        transposeByElements(from, to, 0, rows, cols);
    }

    /** Rows {@code firstRow..rows} of {@code from} into columns of {@code to}, in 16×16 blocks that stay in cache. */
    private static void transposeByElements(float[] from, float[] to, int firstRow, int rows, int cols) {
        final int tile = 16;
        for (int r0 = firstRow; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        to[c * rows + r] = from[r * cols + c];
                    }
                }
            }
        }
    }

    /**
     * As {@link #product}, for all rows, split into bands of rows that {@link KernelThreads} computes at the same
     * time when the product is large. Each output element is still summed by one thread in one order, so the bits
     * do not depend on the number of threads.
     */
    private static void productInParallel(float[] a, int rowStride, float[] b, boolean bFinite, float[] out,
            int rows, int depth, int cols, float[] bias, float[] act) {
        long work = (long) rows * depth * cols;
        if (!KernelThreads.worthSplitting(rows, GROUP, work)) {
            // Checked here so that the common small product creates no lambda: the loop allocates nothing.
            product(a, rowStride, b, bFinite, out, 0, rows, depth, cols, bias, act);
            return;
        }
        KernelThreads.forRowBands(rows, GROUP,
                (from, to) -> product(a, rowStride, b, bFinite, out, from, to, depth, cols, bias, act));
    }

    /**
     * {@code out[r][c] = Σ_t A(r, t) · b[t][c]} for {@code rowFrom ≤ r < rowTo}, t &lt; depth, c &lt; cols, where
     * {@code A(r, t) = a[r·rowStride + t]} and b is depth×cols. The packed tiles start their sums from zero; the
     * parts of out that the other paths add to are cleared first. With a bias (null for none), each element then
     * has {@code bias[c]} added and {@code act[r][c] = max(out[r][c], 0)}. With {@code bFinite} (b holds no NaN and
     * no infinity), the rows that stream b skip its rows for a's zeros where those are many
     * ({@link FloatSparseRows}).
     */
    private static void product(float[] a, int rowStride, float[] b, boolean bFinite, float[] out, int rowFrom,
            int rowTo, int depth, int cols, float[] bias, float[] act) {
        int grouped = (rowTo - rowFrom) / GROUP * GROUP;
        // The columns the packed tiles (or, without a whole group of rows, the wide rows) cover.
        int covered = grouped > 0 ? cols - cols % PANEL_COLS : cols - cols % LANES;
        boolean packs = grouped > 0 && covered > 0;
        if (packs) {
            packed(a, rowStride, b, out, rowFrom, rowFrom + grouped, depth, cols, covered, bias, act);
            if (covered < cols) {
                for (int r = rowFrom; r < rowFrom + grouped; r++) {
                    Arrays.fill(out, r * cols + covered, (r + 1) * cols, 0f);
                }
            }
        }
        int rest = packs ? rowFrom + grouped : rowFrom;
        Arrays.fill(out, rest * cols, rowTo * cols, 0f);
        for (int r = rowFrom + (covered > 0 ? grouped : rowTo - rowFrom); r < rowTo; r++) {
            if (!bFinite || !FloatSparseRows.wideRow(a, rowStride, b, out, r, depth, cols, covered)) {
                FloatTiles.wideRow(a, rowStride, b, out, r, depth, cols, covered);
            }
        }
        if (covered < cols && rowTo - rowFrom < GROUP) {
            fewRowsTail(a, rowStride, b, bFinite, out, rowFrom, rowTo, depth, cols);
        } else if (covered < cols) {
            remainder(a, rowStride, b, out, rowFrom, rowTo, depth, cols, covered);
        }
        if (bias != null) {
            // What the packed tiles did not finish: their rows' last columns, and the rows after them.
            if (packs) {
                addBiasThenRelu(out, bias, act, cols, rowFrom, rest, covered, cols);
            }
            VectorElementwise.addBiasThenRelu(out, bias, act, rest, rowTo, cols);
        }
    }

    /**
     * {@code z += bias}, then {@code act = max(z, 0)}, over rows r0..r1 and columns c0..c1 of rows cols long: the
     * columns after the packed tiles' last panel, fewer than two vectors.
     */
    private static void addBiasThenRelu(float[] z, float[] bias, float[] act, int cols, int r0, int r1, int c0,
            int c1) {
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                float sum = z[r * cols + c] + bias[c];
                z[r * cols + c] = sum;
                act[r * cols + c] = Math.max(sum, 0f);
            }
        }
    }

    /**
     * Rows {@code rowFrom..rowTo} (whole groups) by columns {@code 0..covered} (whole panels), on packed b; the first
     * block of the summed index overwrites out, the others add to it. B is packed whole first (up to
     * {@link #PACKED_LIMIT} floats at a time), then each band of rows runs through every block, so that the band's
     * part of out stays in cache from its first block to its last (a batch of 1024 rows by 256 columns is a megabyte,
     * which went out to the third-level cache and back between blocks when the blocks were the outer loop).
     */
    private static void packed(float[] a, int rs, float[] b, float[] out, int rowFrom, int rowTo, int depth,
            int cols, int covered, float[] bias, float[] act) {
        int panels = covered / PANEL_COLS;
        int block = blockLength(depth);
        // The values of t packed at a time: all of them, unless the copy would pass the limit; whole blocks.
        int span = Math.max(block, Math.min(depth, PACKED_LIMIT / covered / block * block));
        for (int s0 = 0; s0 < depth; s0 += span) {
            int s1 = Math.min(depth, s0 + span);
            float[] bp = packB(b, s0, s1, block, cols, panels);
            for (int r0 = rowFrom; r0 < rowTo; r0 += BAND) {
                int r1 = Math.min(rowTo, r0 + BAND);
                for (int t0 = s0; t0 < s1; t0 += block) {
                    int t1 = Math.min(s1, t0 + block);
                    int d = t1 - t0;
                    boolean last = t1 == depth;
                    for (int p = 0; p < panels; p++) {
                        int bOff = (t0 - s0) * covered + p * d * PANEL_COLS;
                        for (int r = r0; r + GROUP <= r1; r += GROUP) {
                            int o = r * cols + p * PANEL_COLS;
                            FloatTiles.group(a, r * rs + t0, rs, bp, bOff, d, out, o, cols, t0 == 0);
                            if (last && bias != null) {
                                FloatTiles.biasThenRelu(out, o, cols, bias, p * PANEL_COLS, act);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Rows s0..s1 of B's first {@code panels} column panels, block by block of the summed index: the block starting
     * at t0 (d rows long) starts at {@code (t0 − s0) · panels · PANEL_COLS}, and holds its panels one after the
     * other, each panel's rows one after the other.
     */
    private static float[] packB(float[] b, int s0, int s1, int block, int cols, int panels) {
        float[] bp = B_PANELS.get();
        if (bp.length < panels * (s1 - s0) * PANEL_COLS) {
            bp = new float[panels * (s1 - s0) * PANEL_COLS];
            B_PANELS.set(bp);
        }
        int at = 0;
        for (int t0 = s0; t0 < s1; t0 += block) {
            int t1 = Math.min(s1, t0 + block);
            for (int p = 0; p < panels; p++) {
                // Vector by vector: a call to System.arraycopy for every 32 floats cost more than the copying.
                for (int t = t0, from = t0 * cols + p * PANEL_COLS; t < t1; t++, from += cols, at += PANEL_COLS) {
                    for (int v = 0; v < PANEL_COLS; v += LANES) {
                        FloatVector.fromArray(FloatTiles.SPECIES, b, from + v).intoArray(bp, at + v);
                    }
                }
            }
        }
        return bp;
    }

    /**
     * A few rows (fewer than a group: a batch of 1) by the columns after the last whole vector, straight from b
     * (packing them would cost more); with {@code bFinite}, skipping b's rows for a's zeros where those are many.
     * The wide rows have covered the columns before.
     */
    private static void fewRowsTail(float[] a, int rs, float[] b, boolean bFinite, float[] out, int rowFrom,
            int rowTo, int depth, int cols) {
        int c0 = cols - cols % LANES;
        float[] rows = TAIL_ROWS.get();
        for (int r = rowFrom; r < rowTo; r++) {
            if (bFinite && FloatSparseRows.tailRow(a, rs, b, rows, out, r, c0, depth, cols)) {
                continue;
            }
            for (int t0 = 0; t0 < depth; t0 += BLOCK) {
                FloatEdgeTiles.tailRow(a, rs, b, rows, out, r, c0, t0, Math.min(depth, t0 + BLOCK), cols);
            }
        }
    }

    /**
     * All rows by columns {@code c0..cols}: the columns past the last whole panel, or all of a product narrower than
     * one panel; vectors of four rows straight from a and b, then the columns after the last whole vector, from a
     * packed copy. At least a group of rows: fewer take {@link #fewRowsTail}.
     */
    private static void remainder(float[] a, int rs, float[] b, float[] out, int rowFrom, int rowTo,
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
                        FloatEdgeTiles.tile4x1(a, rs, b, out, r, c, t0, t1, cols);
                    }
                    for (; r < r1; r++) {
                        FloatTiles.row1x1(a, rs, b, out, r, c, t0, t1, cols);
                    }
                }
                if (vectorCols < cols) {
                    FloatEdgeTiles.tailColumns(a, rs, tail, TAIL_ROWS.get(), out, r0, r1, Math.max(c0, vectorCols),
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

    /**
     * The length of the blocks of the summed index: at most {@link #BLOCK}, and all about the same length, so that
     * no short last block pays the loads and stores of the sums for little arithmetic (784 runs as three blocks of
     * about 262, not as 256, 256, 256 and 16).
     */
    static int blockLength(int depth) {
        int blocks = (depth + BLOCK - 1) / BLOCK;
        return blocks <= 1 ? depth : (depth + blocks - 1) / blocks;
    }

    private static boolean isTiny(int n, int k, int m) {
        return (long) n * k * m <= TINY_WORK || m < LANES && k < LANES;
    }
}
