package org.nn4j.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on the JDK's Vector API (the incubator module {@code jdk.incubator.vector}), used when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}, as the {@code nn4j} launcher and the build's tests do.
 *
 * <p>All three products reduce to one register-tiled kernel: a tile of {@value #ROWS} output rows by
 * {@value #VECTORS} vectors of columns stays in registers while the summed index t runs, adding
 * {@code A(r, t) · B(t, columns)} with a separate multiply and add (no fused multiply-add), so each element's sum
 * is formed in the same order and with the same roundings as {@link ScalarKernels}. The summed index runs in
 * blocks of {@value #BLOCK}, so that the block of B that a tile reads stays in cache; between blocks the partial
 * sums wait in the output, which changes no bit. {@code a·bᵀ} first transposes b into a per-thread scratch array.
 * The float32 products are in {@link FloatVectorKernels}.
 */
final class VectorKernels implements MatrixKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
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

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> PANELS = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> TAIL = ThreadLocal.withInitial(() -> new double[0]);
    /** Four rows of a tile's part of out, one vector each, for the columns left over after the last full vector. */
    private static final ThreadLocal<double[]> TAIL_ROWS = ThreadLocal.withInitial(() -> new double[ROWS * LANES]);

    @Override
    public String name() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit: " + LANES + " doubles or " + 2 * LANES
                + " floats per vector)";
    }

    @Override
    public void multiply(float[] a, float[] b, float[] out, int n, int k, int m) {
        FloatVectorKernels.multiply(a, b, out, n, k, m);
    }

    @Override
    public void multiply(float[] a, float[] b, boolean bFinite, float[] out, int n, int k, int m) {
        FloatVectorKernels.multiply(a, b, bFinite, out, n, k, m);
    }

    @Override
    public void multiplyTransposedA(float[] a, float[] b, float[] out, int n, int k, int m) {
        FloatVectorKernels.multiplyTransposedA(a, b, out, n, k, m);
    }

    @Override
    public void multiplyTransposedB(float[] a, float[] b, float[] out, int n, int k, int m) {
        FloatVectorKernels.multiplyTransposedB(a, b, out, n, k, m);
    }

    @Override
    public void addBiasThenRelu(float[] z, float[] bias, float[] a, int rows, int cols) {
        VectorElementwise.addBiasThenRelu(z, bias, a, rows, cols);
    }

    @Override
    public void addBiasThenSoftmax(float[] z, float[] bias, float[] a, int rows, int cols) {
        FloatSoftmax.addBiasThenSoftmax(z, bias, a, rows, cols);
    }

    @Override
    public void reluBackward(float[] z, float[] gradA, float[] gradZ, int size) {
        VectorElementwise.reluBackward(z, gradA, gradZ, size);
    }

    @Override
    public void addBiasThenRelu(double[] z, double[] bias, double[] a, int rows, int cols) {
        VectorElementwise.addBiasThenRelu(z, bias, a, rows, cols);
    }

    @Override
    public void reluBackward(double[] z, double[] gradA, double[] gradZ, int size) {
        VectorElementwise.reluBackward(z, gradA, gradZ, size);
    }

    @Override
    public void multiplyAddBiasThenRelu(float[] a, float[] b, boolean bFinite, float[] bias, float[] z, float[] act,
            int n, int k, int m) {
        FloatVectorKernels.multiplyAddBiasThenRelu(a, b, bFinite, bias, z, act, n, k, m);
    }

    @Override
    public void adamStep(double[] theta, double[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        VectorElementwise.adamStep(theta, grad, m, v, from, to, beta1, beta2, epsilon, weightDecay, stepSize,
                correction2Sqrt);
    }

    @Override
    public void adamStep(float[] theta, float[] grad, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        VectorElementwise.adamStep(theta, grad, m, v, from, to, beta1, beta2, epsilon, weightDecay, stepSize,
                correction2Sqrt);
    }

    @Override
    public void multiply(double[] a, double[] b, double[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiply(a, b, out, n, k, m);
            return;
        }
        Arrays.fill(out, 0, n * m, 0.0);
        accumulateInParallel(a, k, 1, b, out, n, k, m);
    }

    @Override
    public void multiplyTransposedA(double[] a, double[] b, double[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiplyTransposedA(a, b, out, n, k, m);
            return;
        }
        Arrays.fill(out, 0, k * m, 0.0);
        // Output row r is column r of a: A(r, t) = a[t·k + r], summed over the n rows t.
        accumulateInParallel(a, 1, k, b, out, k, n, m);
    }

    @Override
    public void multiplyTransposedB(double[] a, double[] b, double[] out, int n, int k, int m) {
        if (isTiny(n, k, m)) {
            PLAIN.multiplyTransposedB(a, b, out, n, k, m);
            return;
        }
        double[] bt = SCRATCH.get();
        if (bt.length < k * m) {
            bt = new double[k * m];
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
    private static void accumulateInParallel(double[] a, int rowStride, int depthStride, double[] b, double[] out,
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
    private static void accumulate(double[] a, int rowStride, int depthStride, double[] b, double[] out, int rowFrom,
            int rowTo, int depth, int cols) {
        int tileCols = VECTORS * LANES;
        int vectorCols = cols - cols % LANES;
        for (int t0 = 0; t0 < depth; t0 += BLOCK) {
            int t1 = Math.min(depth, t0 + BLOCK);
            // With enough rows to pay for it, the block's column tiles of b are copied into one contiguous panel
            // each: a tile then reads its part of b as one stream instead of a few values from each long row.
            double[] panels = null;
            if (rowTo - rowFrom >= PACK_MIN_ROWS && cols >= tileCols) {
                panels = pack(b, t0, t1, cols, tileCols);
            }
            double[] tail = vectorCols < cols ? packTail(b, t0, t1, vectorCols, cols) : null;
            // A band of rows at a time, so that its part of A stays in cache while every column tile reads it.
            for (int r0 = rowFrom; r0 < rowTo; r0 += BAND) {
                int r1 = Math.min(rowTo, r0 + BAND);
                int c = 0;
                for (; c + tileCols <= cols; c += tileCols) {
                    double[] bp = panels != null ? panels : b;
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
    private static double[] packTail(double[] b, int t0, int t1, int c0, int cols) {
        double[] panel = TAIL.get();
        if (panel.length < (t1 - t0) * LANES) {
            panel = new double[(t1 - t0) * LANES];
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
    private static void tailColumns(double[] a, int rs, int ds, double[] panel, double[] out, int r0, int r1, int c0,
            int t0, int t1, int cols) {
        int width = cols - c0;
        double[] rows = TAIL_ROWS.get();
        int r = r0;
        for (; r + ROWS <= r1; r += ROWS) {
            for (int i = 0; i < ROWS; i++) {
                System.arraycopy(out, (r + i) * cols + c0, rows, i * LANES, width);
            }
            DoubleVector c0v = DoubleVector.fromArray(SPECIES, rows, 0);
            DoubleVector c1v = DoubleVector.fromArray(SPECIES, rows, LANES);
            DoubleVector c2v = DoubleVector.fromArray(SPECIES, rows, 2 * LANES);
            DoubleVector c3v = DoubleVector.fromArray(SPECIES, rows, 3 * LANES);
            int a0 = r * rs;
            for (int t = t0; t < t1; t++) {
                DoubleVector bv = DoubleVector.fromArray(SPECIES, panel, (t - t0) * LANES);
                int at = a0 + t * ds;
                c0v = c0v.add(DoubleVector.broadcast(SPECIES, a[at]).mul(bv));
                c1v = c1v.add(DoubleVector.broadcast(SPECIES, a[at + rs]).mul(bv));
                c2v = c2v.add(DoubleVector.broadcast(SPECIES, a[at + 2 * rs]).mul(bv));
                c3v = c3v.add(DoubleVector.broadcast(SPECIES, a[at + 3 * rs]).mul(bv));
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
            DoubleVector acc = DoubleVector.fromArray(SPECIES, rows, 0);
            for (int t = t0; t < t1; t++) {
                acc = acc.add(DoubleVector.broadcast(SPECIES, a[r * rs + t * ds]).mul(DoubleVector.fromArray(SPECIES, panel, (t - t0) * LANES)));
            }
            acc.intoArray(rows, 0);
            System.arraycopy(rows, 0, out, r * cols + c0, width);
        }
    }

    private static boolean isTiny(int n, int k, int m) {
        return (long) n * k * m <= TINY_WORK || m < LANES && k < LANES;
    }

    /** Copies rows t0..t1 of each full column tile of b into consecutive panels of a per-thread scratch array. */
    private static double[] pack(double[] b, int t0, int t1, int cols, int tileCols) {
        int tiles = cols / tileCols;
        int depth = t1 - t0;
        double[] panels = PANELS.get();
        if (panels.length < tiles * depth * tileCols) {
            panels = new double[tiles * depth * tileCols];
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
    private static void tile4x3(double[] a, int rs, int ds, double[] b, int bStart, int bStride, double[] out, int r,
            int c, int t0, int t1, int cols) {
        int o0 = r * cols + c;
        int o1 = o0 + cols;
        int o2 = o1 + cols;
        int o3 = o2 + cols;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, out, o0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, out, o0 + LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, out, o0 + 2 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, out, o1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, out, o1 + LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, out, o1 + 2 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, out, o2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, out, o2 + LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, out, o2 + 2 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, out, o3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, out, o3 + LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, out, o3 + 2 * LANES);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            int bt = bStart + (t - t0) * bStride;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bt);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bt + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, b, bt + 2 * LANES);
            int at = a0 + t * ds;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[at]);
            c00 = c00.add(x.mul(b0));
            c01 = c01.add(x.mul(b1));
            c02 = c02.add(x.mul(b2));
            x = DoubleVector.broadcast(SPECIES, a[at + rs]);
            c10 = c10.add(x.mul(b0));
            c11 = c11.add(x.mul(b1));
            c12 = c12.add(x.mul(b2));
            x = DoubleVector.broadcast(SPECIES, a[at + 2 * rs]);
            c20 = c20.add(x.mul(b0));
            c21 = c21.add(x.mul(b1));
            c22 = c22.add(x.mul(b2));
            x = DoubleVector.broadcast(SPECIES, a[at + 3 * rs]);
            c30 = c30.add(x.mul(b0));
            c31 = c31.add(x.mul(b1));
            c32 = c32.add(x.mul(b2));
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
    private static void tile1x3(double[] a, int rs, int ds, double[] b, int bStart, int bStride, double[] out, int r,
            int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, out, o);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, out, o + LANES);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, out, o + 2 * LANES);
        for (int t = t0; t < t1; t++) {
            int bt = bStart + (t - t0) * bStride;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[r * rs + t * ds]);
            c0 = c0.add(x.mul(DoubleVector.fromArray(SPECIES, b, bt)));
            c1 = c1.add(x.mul(DoubleVector.fromArray(SPECIES, b, bt + LANES)));
            c2 = c2.add(x.mul(DoubleVector.fromArray(SPECIES, b, bt + 2 * LANES)));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + LANES);
        c2.intoArray(out, o + 2 * LANES);
    }

    /** Four rows by one vector: the columns left over after the three-vector tiles. */
    private static void tile4x1(double[] a, int rs, int ds, double[] b, double[] out, int r, int c, int t0, int t1, int cols) {
        int o = r * cols + c;
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, out, o);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, out, o + cols);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, out, o + 2 * cols);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, out, o + 3 * cols);
        int a0 = r * rs;
        for (int t = t0; t < t1; t++) {
            DoubleVector bv = DoubleVector.fromArray(SPECIES, b, t * cols + c);
            int at = a0 + t * ds;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[at]);
            c0 = c0.add(x.mul(bv));
            x = DoubleVector.broadcast(SPECIES, a[at + rs]);
            c1 = c1.add(x.mul(bv));
            x = DoubleVector.broadcast(SPECIES, a[at + 2 * rs]);
            c2 = c2.add(x.mul(bv));
            x = DoubleVector.broadcast(SPECIES, a[at + 3 * rs]);
            c3 = c3.add(x.mul(bv));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + cols);
        c2.intoArray(out, o + 2 * cols);
        c3.intoArray(out, o + 3 * cols);
    }

    private static void row1x1(double[] a, int rs, int ds, double[] b, double[] out, int r, int c, int t0, int t1,
            int cols) {
        int o = r * cols + c;
        DoubleVector acc = DoubleVector.fromArray(SPECIES, out, o);
        for (int t = t0; t < t1; t++) {
            acc = acc.add(DoubleVector.broadcast(SPECIES, a[r * rs + t * ds]).mul(DoubleVector.fromArray(SPECIES, b,
                    t * cols + c)));
        }
        acc.intoArray(out, o);
    }

    @Override
    public boolean allFinite(double[] x, int from, int to) {
        return VectorElementwise.allFinite(x, from, to);
    }

    @Override
    public boolean allFinite(float[] x, int from, int to) {
        return VectorElementwise.allFinite(x, from, to);
    }
}
