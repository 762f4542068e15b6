package org.nn4j.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatrixKernels#addBiasThenSoftmax} on vectors whose lanes are rows: {@link #LANES} rows at a time, each
 * lane doing exactly what {@link ScalarKernels#softmaxRow} does for its row (the same operations in the same order,
 * {@link FloatExponential}'s included), so the bits are the same. A class layer's rows are short (ten classes), so
 * a vector across one row would be mostly empty, and its sum would be added in another order; instead the rows are
 * copied column by column into a scratch block, where a column is one vector. Copying element by element took 19
 * µs for a batch of 1024 by 10, against 22 with gathers and scatters, and 50 for the float64 formula with
 * {@link Math#exp} it replaces. The rows past the last whole vector go row by row.
 */
final class FloatSoftmax {

    private static final VectorSpecies<Float> SPECIES = FloatTiles.SPECIES;
    private static final int LANES = SPECIES.length();
    /**
     * The widest rows worked on as vectors: the scratch block holds {@link #LANES} rows, and a model file's class
     * count should not choose how much memory a thread keeps (16 rows of 1024 floats are 64 KB). Wider rows go row
     * by row, with the same bits.
     */
    private static final int WIDEST = 1024;
    /** One vector's rows, column by column. */
    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);

    private FloatSoftmax() {
    }

    static void addBiasThenSoftmax(float[] z, float[] bias, float[] a, int rows, int cols) {
        int r = 0;
        if (rows >= LANES && cols <= WIDEST) {
            float[] columns = COLUMNS.get();
            if (columns.length < cols * LANES) {
                columns = new float[cols * LANES];
                COLUMNS.set(columns);
            }
            for (; r + LANES <= rows; r += LANES) {
                lanes(z, bias, a, r * cols, cols, columns);
            }
        }
        for (; r < rows; r++) {
            ScalarKernels.softmaxRow(z, bias, a, r * cols, cols);
        }
    }

    /**
     * The rows at {@code base}, {@code base + cols}, … one per lane: copied into {@code columns} a column at a time
     * (column c of the rows as the c-th vector), bias added on the way, worked on as vectors, and copied back.
     */
    private static void lanes(float[] z, float[] bias, float[] a, int base, int cols, float[] columns) {
        for (int i = 0; i < LANES; i++) {
            int row = base + i * cols;
            for (int c = 0; c < cols; c++) {
                if (bias != null) {
                    z[row + c] += bias[c];
                }
                columns[c * LANES + i] = z[row + c];
            }
        }
        FloatVector max = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < cols; c++) {
            max = max.max(FloatVector.fromArray(SPECIES, columns, c * LANES));
        }
        // FloatExponential.exp, step for step, written out here: JDK 17 boxes a vector passed to a method that it
        // does not inline, and this one is too long to be inlined everywhere.
        FloatVector lowest = constant(FloatExponential.LOWEST);
        FloatVector highest = constant(FloatExponential.HIGHEST);
        FloatVector log2e = constant(FloatExponential.LOG2_E);
        FloatVector rounder = constant(FloatExponential.ROUNDER);
        FloatVector ln2High = constant(FloatExponential.LN2_HIGH);
        FloatVector ln2Low = constant(FloatExponential.LN2_LOW);
        FloatVector c7 = constant(FloatExponential.C7);
        FloatVector c6 = constant(FloatExponential.C6);
        FloatVector c5 = constant(FloatExponential.C5);
        FloatVector c4 = constant(FloatExponential.C4);
        FloatVector c3 = constant(FloatExponential.C3);
        FloatVector c2 = constant(FloatExponential.C2);
        FloatVector one = constant(1f);
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int c = 0; c < cols; c++) {
            FloatVector x = FloatVector.fromArray(SPECIES, columns, c * LANES).sub(max);
            FloatVector clamped = x.max(lowest).min(highest);
            FloatVector shifted = clamped.fma(log2e, rounder);
            FloatVector n = shifted.sub(rounder).neg();
            FloatVector r = n.fma(ln2High, clamped);
            r = n.fma(ln2Low, r);
            FloatVector p = c7.fma(r, c6);
            p = p.fma(r, c5);
            p = p.fma(r, c4);
            p = p.fma(r, c3);
            p = p.fma(r, c2);
            p = p.fma(r, one);
            p = p.fma(r, one);
            IntVector exponent = shifted.reinterpretAsInts().sub(FloatExponential.ROUNDER_BITS);
            IntVector half = exponent.lanewise(VectorOperators.ASHR, 1);
            FloatVector low = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector high = exponent.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(low).mul(high);
            e.intoArray(columns, c * LANES);
            sum = sum.add(e);
        }
        for (int c = 0; c < cols; c++) {
            FloatVector.fromArray(SPECIES, columns, c * LANES).div(sum).intoArray(columns, c * LANES);
        }
        for (int i = 0; i < LANES; i++) {
            int row = base + i * cols;
            for (int c = 0; c < cols; c++) {
                a[row + c] = columns[c * LANES + i];
            }
        }
    }

    private static FloatVector constant(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }
}
