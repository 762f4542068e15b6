package org.nn4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of {@link FloatVectorKernels}: each keeps a block of output sums in vector registers while
 * the summed index t runs, and adds {@code A(r, t) · B(t, columns)} with one fused multiply-add per vector. Every
 * output element is one chain of fused multiply-adds in t order starting from what {@code out} held, so every
 * tile gives the same bits as {@link ScalarKernels}' float32 loops.
 *
 * <p>The main tiles ({@link #group}) read B from a packed panel of {@link #PANEL_VECTORS} vectors per t and A
 * straight from its rows, one broadcast per row and t. Every load's index is a loop-invariant offset plus t (times
 * a constant), so the compiler proves the loads in range once per loop instead of once per load, which is most of
 * their speed. Reading A's rows in place rather than from a packed copy saved the copy (a sixth of a batch-1024
 * layer's time) and ran the forward products 1.2–1.3× as fast on an AMD EPYC with 512-bit vectors.
 */
final class FloatTiles {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * Rows of the main tile. With 512-bit vectors there are 32 vector registers: 8 rows × 2 vectors of sums, 2 of
     * B and a broadcast fit. Narrower vectors come with 16 registers: 4 rows × 2 vectors. A 4 × 3 tile (12 sums, 3
     * of B and a broadcast: all 16) ran the 1024² product at 34–37 GFLOP/s on an AMD EPYC with AVX2, 4 × 2 at 61–65.
     */
    static final int GROUP = SPECIES.vectorBitSize() >= 512 ? 8 : 4;
    /** Vectors of columns of the main tile, and of a packed panel of B. */
    static final int PANEL_VECTORS = 2;
    static final int PANEL_COLS = PANEL_VECTORS * LANES;
    /**
     * Below this many values of t, eight-row groups run as two {@link #tile4x2} tiles. The JIT compiles a tile's
     * loop from the trip counts it has seen: a product summing over ten values (the input gradient of a 10-class
     * layer, in training) compiled {@link #tile8x2} for short loops, and a batch-1024 forward pass after training
     * then ran 4–7% slower. With short sums kept away from it, the long ones keep their compiled loop.
     */
    static final int SHORT_DEPTH = 64;
    /** Rows of the edge tiles ({@link FloatEdgeTiles}). */
    static final int ROWS = 4;

    private FloatTiles() {
    }

    /**
     * {@link #GROUP} rows by one panel of columns over {@code depth} values of t. Row i of A has its value at t in
     * {@code a[a0 + i·rs + t]}, B's panel is at {@code bp[bOff + t·PANEL_COLS + j]}; the output tile starts at
     * {@code out[o]} with rows {@code cols} apart. The sums start from what out holds, or from zero when
     * {@code fresh} (the first block of a product: out need not be cleared and read back).
     */
    static void group(float[] a, int a0, int rs, float[] bp, int bOff, int depth, float[] out, int o, int cols,
            boolean fresh) {
        if (GROUP == 8 && depth >= SHORT_DEPTH) {
            tile8x2(a, a0, rs, bp, bOff, depth, out, o, cols, fresh);
        } else if (GROUP == 8) {
            tile4x2(a, a0, rs, bp, bOff, depth, out, o, cols, fresh);
            tile4x2(a, a0 + 4 * rs, rs, bp, bOff, depth, out, o + 4 * cols, cols, fresh);
        } else {
            tile4x2(a, a0, rs, bp, bOff, depth, out, o, cols, fresh);
        }
    }

    /**
     * Adds {@code bias[biasAt + j]} to column j of the {@link #GROUP} rows by one panel of columns at {@code out[o]}
     * (rows {@code cols} apart) that a tile has just stored, and stores their ReLU at the same places in
     * {@code act}: the tile's output is still in the first-level cache. When act is out (a ReLU layer that keeps
     * one matrix) only the ReLU is stored.
     */
    static void biasThenRelu(float[] out, int o, int cols, float[] bias, int biasAt, float[] act) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector b0 = FloatVector.fromArray(SPECIES, bias, biasAt);
        FloatVector b1 = FloatVector.fromArray(SPECIES, bias, biasAt + LANES);
        boolean inPlace = out == act;
        for (int i = 0, at = o; i < GROUP; i++, at += cols) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, out, at).add(b0);
            FloatVector z1 = FloatVector.fromArray(SPECIES, out, at + LANES).add(b1);
            if (!inPlace) {
                z0.intoArray(out, at);
                z1.intoArray(out, at + LANES);
            }
            z0.max(zero).intoArray(act, at);
            z1.max(zero).intoArray(act, at + LANES);
        }
    }

    /** A vector of out at o, or zero when {@code fresh}. */
    private static FloatVector start(float[] out, int o, boolean fresh) {
        return fresh ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, out, o);
    }

    private static void tile8x2(float[] a, int a0, int rs, float[] bp, int bOff, int depth, float[] out, int o,
            int cols, boolean fresh) {
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int a4 = a3 + rs;
        int a5 = a4 + rs;
        int a6 = a5 + rs;
        int a7 = a6 + rs;
        int o1 = o + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        int o4 = o3 + cols;
        int o5 = o4 + cols;
        int o6 = o5 + cols;
        int o7 = o6 + cols;
        FloatVector c00 = start(out, o, fresh);
        FloatVector c01 = start(out, o + LANES, fresh);
        FloatVector c10 = start(out, o1, fresh);
        FloatVector c11 = start(out, o1 + LANES, fresh);
        FloatVector c20 = start(out, o2, fresh);
        FloatVector c21 = start(out, o2 + LANES, fresh);
        FloatVector c30 = start(out, o3, fresh);
        FloatVector c31 = start(out, o3 + LANES, fresh);
        FloatVector c40 = start(out, o4, fresh);
        FloatVector c41 = start(out, o4 + LANES, fresh);
        FloatVector c50 = start(out, o5, fresh);
        FloatVector c51 = start(out, o5 + LANES, fresh);
        FloatVector c60 = start(out, o6, fresh);
        FloatVector c61 = start(out, o6 + LANES, fresh);
        FloatVector c70 = start(out, o7, fresh);
        FloatVector c71 = start(out, o7 + LANES, fresh);
        for (int t = 0; t < depth; t++) {
            int bt = bOff + t * (2 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bt + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + t]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + t]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + t]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + t]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[a4 + t]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[a5 + t]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[a6 + t]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[a7 + t]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + LANES);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + LANES);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + LANES);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + LANES);
        c40.intoArray(out, o4);
        c41.intoArray(out, o4 + LANES);
        c50.intoArray(out, o5);
        c51.intoArray(out, o5 + LANES);
        c60.intoArray(out, o6);
        c61.intoArray(out, o6 + LANES);
        c70.intoArray(out, o7);
        c71.intoArray(out, o7 + LANES);
    }

    private static void tile4x2(float[] a, int a0, int rs, float[] bp, int bOff, int depth, float[] out, int o,
            int cols, boolean fresh) {
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int o1 = o + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        FloatVector c00 = start(out, o, fresh);
        FloatVector c01 = start(out, o + LANES, fresh);
        FloatVector c10 = start(out, o1, fresh);
        FloatVector c11 = start(out, o1 + LANES, fresh);
        FloatVector c20 = start(out, o2, fresh);
        FloatVector c21 = start(out, o2 + LANES, fresh);
        FloatVector c30 = start(out, o3, fresh);
        FloatVector c31 = start(out, o3 + LANES, fresh);
        for (int t = 0; t < depth; t++) {
            int bt = bOff + t * (2 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bt + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + t]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + t]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + t]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + t]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + LANES);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + LANES);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + LANES);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + LANES);
    }

    /**
     * Row r's columns {@code [0, limit)} ({@code limit} a multiple of {@link #LANES}) over all {@code depth}
     * values of t, straight from b. Rows too few to pay for packing (a batch of 1) take this path, which reads b
     * once per row as a stream: reading the weights is its whole cost, so it takes whole rows of b where the
     * registers allow (16 vectors with 32 registers), and has enough independent sums to hide the latency of a
     * fused multiply-add.
     */
    static void wideRow(float[] a, int rs, float[] b, float[] out, int r, int depth, int cols, int limit) {
        int o = r * cols;
        int a0 = r * rs;
        int c = 0;
        if (GROUP == 8) {
            for (; c + 16 * LANES <= limit; c += 16 * LANES) {
                wide16(a, a0, b, out, o + c, c, depth, cols);
            }
        }
        for (; c + 8 * LANES <= limit; c += 8 * LANES) {
            wide8(a, a0, b, out, o + c, c, depth, cols);
        }
        for (; c < limit; c += LANES) {
            row1x1(a, rs, b, out, r, c, 0, depth, cols);
        }
    }

    private static void wide16(float[] a, int a0, float[] b, float[] out, int o, int c, int depth,
            int cols) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, out, o + 0 * LANES);
        FloatVector c1 = FloatVector.fromArray(SPECIES, out, o + 1 * LANES);
        FloatVector c2 = FloatVector.fromArray(SPECIES, out, o + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(SPECIES, out, o + 3 * LANES);
        FloatVector c4 = FloatVector.fromArray(SPECIES, out, o + 4 * LANES);
        FloatVector c5 = FloatVector.fromArray(SPECIES, out, o + 5 * LANES);
        FloatVector c6 = FloatVector.fromArray(SPECIES, out, o + 6 * LANES);
        FloatVector c7 = FloatVector.fromArray(SPECIES, out, o + 7 * LANES);
        FloatVector c8 = FloatVector.fromArray(SPECIES, out, o + 8 * LANES);
        FloatVector c9 = FloatVector.fromArray(SPECIES, out, o + 9 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, out, o + 10 * LANES);
        FloatVector c11 = FloatVector.fromArray(SPECIES, out, o + 11 * LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, out, o + 12 * LANES);
        FloatVector c13 = FloatVector.fromArray(SPECIES, out, o + 13 * LANES);
        FloatVector c14 = FloatVector.fromArray(SPECIES, out, o + 14 * LANES);
        FloatVector c15 = FloatVector.fromArray(SPECIES, out, o + 15 * LANES);
        for (int t = 0; t < depth; t++) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + t]);
            int bt = t * cols + c;
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

    private static void wide8(float[] a, int a0, float[] b, float[] out, int o, int c, int depth,
            int cols) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, out, o + 0 * LANES);
        FloatVector c1 = FloatVector.fromArray(SPECIES, out, o + 1 * LANES);
        FloatVector c2 = FloatVector.fromArray(SPECIES, out, o + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(SPECIES, out, o + 3 * LANES);
        FloatVector c4 = FloatVector.fromArray(SPECIES, out, o + 4 * LANES);
        FloatVector c5 = FloatVector.fromArray(SPECIES, out, o + 5 * LANES);
        FloatVector c6 = FloatVector.fromArray(SPECIES, out, o + 6 * LANES);
        FloatVector c7 = FloatVector.fromArray(SPECIES, out, o + 7 * LANES);
        for (int t = 0; t < depth; t++) {
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + t]);
            int bt = t * cols + c;
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

    /** One row by one vector of columns starting at c, for t0 ≤ t &lt; t1, straight from b. */
    static void row1x1(float[] a, int rs, float[] b, float[] out, int r, int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        FloatVector acc = FloatVector.fromArray(SPECIES, out, o);
        for (int t = t0; t < t1; t++) {
            acc = FloatVector.broadcast(SPECIES, a[r * rs + t])
                    .fma(FloatVector.fromArray(SPECIES, b, t * cols + c), acc);
        }
        acc.intoArray(out, o);
    }
}
