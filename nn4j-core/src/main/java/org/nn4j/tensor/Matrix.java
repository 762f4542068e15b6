package org.nn4j.tensor;

import java.util.Arrays;

/**
 * A dense two-dimensional array of numbers in row-major order: element (r, c) of a matrix with {@code cols}
 * columns sits at flat index {@code r * cols + c}.
 *
 * <p>nn4j follows the row-vector convention: a batch of samples is a matrix with one sample per row, and a layer
 * computes {@code Z = X·W + b}. The storage precision (float64 today) is private to this class, so that layers and
 * losses, which only call the methods below, need not change when a float32 path is added.
 *
 * <p>Kernels write into an output matrix given by the caller, so that a training loop can allocate its workspaces
 * once and reuse them for every batch.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("A matrix needs a non-negative shape, got " + rows + "×" + cols);
        }
        return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
    }

    /** A matrix holding a copy of the given rows, which must all have the same length. */
    public static Matrix of(double[][] rowValues) {
        int rows = rowValues.length;
        int cols = rows == 0 ? 0 : rowValues[0].length;
        Matrix m = zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            if (rowValues[r].length != cols) {
                throw new IllegalArgumentException(
                        "Every row must have " + cols + " values (as row 0 has), but row " + r + " has "
                                + rowValues[r].length);
            }
            System.arraycopy(rowValues[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    /** A matrix of the given shape holding a copy of {@code values}, read in row-major order. */
    public static Matrix of(int rows, int cols, double... values) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(
                    "A " + rows + "×" + cols + " matrix needs " + (long) rows * cols + " values, got " + values.length);
        }
        return new Matrix(rows, cols, values.clone());
    }

    /** A 1×n matrix holding one sample. */
    public static Matrix row(double... values) {
        return of(1, values.length, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of elements, rows × cols. */
    public int size() {
        return data.length;
    }

    /** The shape as people write it, e.g. {@code 4×2}. */
    public String shape() {
        return rows + "×" + cols;
    }

    public boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    public double get(int row, int col) {
        return data[row * cols + col];
    }

    public void set(int row, int col, double value) {
        data[row * cols + col] = value;
    }

    /** Element at a flat row-major index, for element-wise loops. */
    public double get(int index) {
        return data[index];
    }

    /** Sets the element at a flat row-major index. */
    public void set(int index, double value) {
        data[index] = value;
    }

    /** A copy of one row. */
    public double[] rowValues(int row) {
        return Arrays.copyOfRange(data, row * cols, row * cols + cols);
    }

    /** A copy of all elements in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy as an array of rows. */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = rowValues(r);
        }
        return out;
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Copies every element of {@code source}, which must have this matrix's shape. */
    public void copyFrom(Matrix source) {
        requireSameShape("copy", source, this);
        System.arraycopy(source.data, 0, data, 0, data.length);
    }

    /**
     * Copies rows {@code rowIndices[from]}, {@code rowIndices[from + 1]}, … of {@code source} into the rows of
     * {@code out} in that order, as many as {@code out} has: how a shuffled mini-batch is gathered.
     */
    public static void gatherRows(Matrix source, int[] rowIndices, int from, Matrix out) {
        if (out.cols != source.cols || from < 0 || from + out.rows > rowIndices.length) {
            throw new IllegalArgumentException("Cannot gather " + out.rows + " rows of " + source.shape()
                    + " from index " + from + " of " + rowIndices.length + " into " + out.shape());
        }
        for (int r = 0; r < out.rows; r++) {
            System.arraycopy(source.data, rowIndices[from + r] * source.cols, out.data, r * out.cols, out.cols);
        }
    }

    public void fill(double value) {
        Arrays.fill(data, value);
    }

    /** Returns a zero matrix of this shape: {@code existing} when it already has the shape, a new one otherwise. */
    public static Matrix reuseOrAllocate(Matrix existing, int rows, int cols) {
        return existing != null && existing.hasShape(rows, cols) ? existing : zeros(rows, cols);
    }

    /** {@code out = a · b}. */
    public static void multiply(Matrix a, Matrix b, Matrix out) {
        if (a.cols != b.rows || !out.hasShape(a.rows, b.cols)) {
            throw shapeError("a·b", a, b, out, a.rows + "×" + b.cols);
        }
        Kernels.ACTIVE.multiply(a.data, b.data, out.data, a.rows, a.cols, b.cols);
    }

    /** {@code out = aᵀ · b}: the weight gradient Xᵀ·dZ, without materialising the transpose. */
    public static void multiplyTransposedA(Matrix a, Matrix b, Matrix out) {
        if (a.rows != b.rows || !out.hasShape(a.cols, b.cols)) {
            throw shapeError("aᵀ·b", a, b, out, a.cols + "×" + b.cols);
        }
        Kernels.ACTIVE.multiplyTransposedA(a.data, b.data, out.data, a.rows, a.cols, b.cols);
    }

    /** {@code out = a · bᵀ}: the input gradient dZ·Wᵀ, without materialising the transpose. */
    public static void multiplyTransposedB(Matrix a, Matrix b, Matrix out) {
        if (a.cols != b.cols || !out.hasShape(a.rows, b.rows)) {
            throw shapeError("a·bᵀ", a, b, out, a.rows + "×" + b.rows);
        }
        Kernels.ACTIVE.multiplyTransposedB(a.data, b.data, out.data, a.rows, a.cols, b.rows);
    }

    /** Adds the 1×cols matrix {@code rowVector} to every row of this matrix, in place. */
    public void addToEachRow(Matrix rowVector) {
        if (!rowVector.hasShape(1, cols)) {
            throw new IllegalArgumentException(
                    "Expected a 1×" + cols + " row to add to each row of a " + shape() + " matrix, got "
                            + rowVector.shape());
        }
        double[] v = rowVector.data;
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            for (int c = 0; c < cols; c++) {
                data[offset + c] += v[c];
            }
        }
    }

    /** Writes the sum of each column into the 1×cols matrix {@code out}: the bias gradient from dZ. */
    public void sumColumnsInto(Matrix out) {
        if (!out.hasShape(1, cols)) {
            throw new IllegalArgumentException(
                    "Expected a 1×" + cols + " output for the column sums of a " + shape() + " matrix, got "
                            + out.shape());
        }
        double[] od = out.data;
        Arrays.fill(od, 0.0);
        for (int r = 0; r < rows; r++) {
            int offset = r * cols;
            for (int c = 0; c < cols; c++) {
                od[c] += data[offset + c];
            }
        }
    }

    /** {@code this -= rate · other}, element-wise: one plain gradient-descent step. */
    public void subtractScaled(Matrix other, double rate) {
        requireSameShape("subtract", other, this);
        double[] od = other.data;
        for (int i = 0; i < data.length; i++) {
            data[i] -= rate * od[i];
        }
    }

    /** The largest absolute value of any element, 0 for an empty matrix. */
    public double maxAbs() {
        double max = 0.0;
        for (double v : data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** True when every element is a finite number. */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** True when both matrices have the same shape and bit-identical elements. */
    public boolean sameBits(Matrix other) {
        if (!other.hasShape(rows, cols)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Double.doubleToRawLongBits(data[i]) != Double.doubleToRawLongBits(other.data[i])) {
                return false;
            }
        }
        return true;
    }

    private static void requireSameShape(String operation, Matrix source, Matrix target) {
        if (!source.hasShape(target.rows, target.cols)) {
            throw new IllegalArgumentException(
                    "Cannot " + operation + " a " + source.shape() + " matrix into a " + target.shape() + " one");
        }
    }

    private static IllegalArgumentException shapeError(String op, Matrix a, Matrix b, Matrix out, String expected) {
        return new IllegalArgumentException(
                "Cannot compute " + op + " for a = " + a.shape() + ", b = " + b.shape() + " into " + out.shape()
                        + " (the output must be " + expected + " and the inner sizes must agree)");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape()).append(" [");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append(", ");
                }
                sb.append(get(r, c));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
