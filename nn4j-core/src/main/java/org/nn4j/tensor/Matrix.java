package org.nn4j.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense two-dimensional array of numbers in row-major order: element (r, c) of a matrix with {@code cols}
 * columns sits at flat index {@code r * cols + c}.
 *
 * <p>nn4j follows the row-vector convention: a batch of samples is a matrix with one sample per row, and a layer
 * computes {@code Z = X·W + b}. A matrix stores float64 or float32 numbers ({@link Precision}); elements are read
 * and written as doubles whatever the storage, so layers, losses and optimizers work with either, while the
 * matrix products run kernels of the storage's own precision.
 *
 * <p>Kernels write into an output matrix given by the caller, so that a training loop can allocate its workspaces
 * once and reuse them for every batch.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    /** The elements in float64, or null when stored in float32. */
    private final double[] data;
    /** The elements in float32, or null when stored in float64. */
    private final float[] floats;
    /** Whether the elements are known to be finite; shared with every matrix over the same array. */
    private final Finiteness finiteness;

    private Matrix(int rows, int cols, double[] data, Finiteness finiteness) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.floats = null;
        this.finiteness = finiteness;
    }

    private Matrix(int rows, int cols, float[] floats, Finiteness finiteness) {
        this.rows = rows;
        this.cols = cols;
        this.data = null;
        this.floats = floats;
        this.finiteness = finiteness;
    }

    private Matrix(int rows, int cols, double[] data) {
        this(rows, cols, data, new Finiteness());
    }

    private Matrix(int rows, int cols, float[] floats) {
        this(rows, cols, floats, new Finiteness());
    }

    /** A matrix of zeros in float64. */
    public static Matrix zeros(int rows, int cols) {
        return zeros(rows, cols, Precision.FLOAT64);
    }

    /** A matrix of zeros stored in {@code precision}. */
    public static Matrix zeros(int rows, int cols, Precision precision) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("A matrix needs a non-negative shape, got " + rows + "×" + cols);
        }
        int size = Math.multiplyExact(rows, cols);
        return precision == Precision.FLOAT64 ? new Matrix(rows, cols, new double[size])
                : new Matrix(rows, cols, new float[size]);
    }

    /** The float64 elements for kernels of this package; null when stored in float32. */
    double[] doubleArray() {
        return data;
    }

    /** The float32 elements for kernels of this package; null when stored in float64. */
    float[] floatArray() {
        return floats;
    }

    /**
     * Records a write to the elements by a kernel of this package (this matrix as its output): what was known of
     * them no longer holds.
     */
    void written() {
        finiteness.forget();
    }

    /**
     * Whether a product of {@code rows} rows may treat this matrix, its b, as finite: only few-row products ask
     * ({@link MatrixKernels#FEW_ROWS}), and only a matrix read so twice since its last write is checked.
     */
    boolean finiteForProductOf(int rows) {
        return rows < MatrixKernels.FEW_ROWS && finiteness.knownFinite(floats, data);
    }

    /** How this matrix stores its elements. */
    public Precision precision() {
        return data != null ? Precision.FLOAT64 : Precision.FLOAT32;
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
        return rows * cols;
    }

    /** The shape as people write it, e.g. {@code 4×2}. */
    public String shape() {
        return rows + "×" + cols;
    }

    public boolean hasShape(int rows, int cols) {
        return this.rows == rows && this.cols == cols;
    }

    public double get(int row, int col) {
        return get(row * cols + col);
    }

    public void set(int row, int col, double value) {
        set(row * cols + col, value);
    }

    /** Element at a flat row-major index, for element-wise loops. */
    public double get(int index) {
        return data != null ? data[index] : floats[index];
    }

    /** Sets the element at a flat row-major index (rounded to the nearest float32 in a float32 matrix). */
    public void set(int index, double value) {
        if (data != null) {
            data[index] = value;
        } else {
            floats[index] = (float) value;
        }
        finiteness.forget();
    }

    /** A copy of one row. */
    public double[] rowValues(int row) {
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) {
            out[c] = get(row * cols + c);
        }
        return out;
    }

    /** A copy of all elements in row-major order. */
    public double[] toArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
        return out;
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
        // Only this matrix's elements: a workspace may sit on a longer array (see reuseOrAllocate).
        return data != null ? new Matrix(rows, cols, Arrays.copyOf(data, size()))
                : new Matrix(rows, cols, Arrays.copyOf(floats, size()));
    }

    /** A copy stored in {@code precision} (this matrix itself when it already is). */
    public Matrix toPrecision(Precision precision) {
        if (precision == precision()) {
            return this;
        }
        Matrix out = zeros(rows, cols, precision);
        out.copyFrom(this);
        return out;
    }

    /** Copies every element of {@code source}, which must have this matrix's shape (converting the precision). */
    public void copyFrom(Matrix source) {
        requireSameShape("copy", source, this);
        finiteness.forget();
        if (data != null && source.data != null) {
            System.arraycopy(source.data, 0, data, 0, size());
        } else if (floats != null && source.floats != null) {
            System.arraycopy(source.floats, 0, floats, 0, size());
        } else {
            for (int i = 0, n = size(); i < n; i++) {
                set(i, source.get(i));
            }
        }
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
        int n = out.cols;
        out.finiteness.forget();
        for (int r = 0; r < out.rows; r++) {
            int at = rowIndices[from + r] * source.cols;
            if (source.data != null && out.data != null) {
                System.arraycopy(source.data, at, out.data, r * n, n);
            } else if (source.floats != null && out.floats != null) {
                System.arraycopy(source.floats, at, out.floats, r * n, n);
            } else if (source.data != null) {
                // float64 data into a float32 batch, as training in float32 gathers: a plain loop the JIT
                // vectorises, rounding each element as set would.
                float[] of = out.floats;
                double[] sd = source.data;
                int to = r * n;
                for (int c = 0; c < n; c++) {
                    of[to + c] = (float) sd[at + c];
                }
            } else {
                for (int c = 0; c < n; c++) {
                    out.set(r * n + c, source.get(at + c));
                }
            }
        }
    }

    public void fill(double value) {
        finiteness.forget();
        if (data != null) {
            Arrays.fill(data, value);
        } else {
            Arrays.fill(floats, (float) value);
        }
    }

    /**
     * Returns a float64 matrix of this shape for a workspace: {@code existing} when it already has the shape and
     * precision; a matrix of this shape over {@code existing}'s elements when those are enough (its old values are
     * then its contents, as when it is reused); a new one of zeros otherwise. A workspace whose row count changes
     * from call to call (a Spark shard's share of each mini-batch) so stops allocating once it has seen its largest.
     * The returned matrix shares its elements with {@code existing}, which the caller should drop.
     */
    public static Matrix reuseOrAllocate(Matrix existing, int rows, int cols) {
        return reuseOrAllocate(existing, rows, cols, Precision.FLOAT64);
    }

    /** As {@link #reuseOrAllocate(Matrix, int, int)}, for a matrix stored in {@code precision}. */
    public static Matrix reuseOrAllocate(Matrix existing, int rows, int cols, Precision precision) {
        if (existing == null || existing.precision() != precision || rows < 0 || cols < 0) {
            return zeros(rows, cols, precision);
        }
        if (existing.hasShape(rows, cols)) {
            return existing;
        }
        long size = (long) rows * cols;
        if (existing.data != null && existing.data.length >= size) {
            return new Matrix(rows, cols, existing.data, existing.finiteness);
        }
        if (existing.floats != null && existing.floats.length >= size) {
            return new Matrix(rows, cols, existing.floats, existing.finiteness);
        }
        return zeros(rows, cols, precision);
    }

    /** {@code out = a · b}. */
    public static void multiply(Matrix a, Matrix b, Matrix out) {
        if (a.cols != b.rows || !out.hasShape(a.rows, b.cols)) {
            throw shapeError("a·b", a, b, out, a.rows + "×" + b.cols);
        }
        out.finiteness.forget();
        if (samePrecision(a, b, out) == Precision.FLOAT64) {
            Kernels.ACTIVE.multiply(a.data, b.data, out.data, a.rows, a.cols, b.cols);
        } else {
            Kernels.ACTIVE.multiply(a.floats, b.floats, b.finiteForProductOf(a.rows), out.floats, a.rows, a.cols,
                    b.cols);
        }
    }

    /** {@code out = aᵀ · b}: the weight gradient Xᵀ·dZ, without materialising the transpose. */
    public static void multiplyTransposedA(Matrix a, Matrix b, Matrix out) {
        if (a.rows != b.rows || !out.hasShape(a.cols, b.cols)) {
            throw shapeError("aᵀ·b", a, b, out, a.cols + "×" + b.cols);
        }
        out.finiteness.forget();
        if (samePrecision(a, b, out) == Precision.FLOAT64) {
            Kernels.ACTIVE.multiplyTransposedA(a.data, b.data, out.data, a.rows, a.cols, b.cols);
        } else {
            Kernels.ACTIVE.multiplyTransposedA(a.floats, b.floats, out.floats, a.rows, a.cols, b.cols);
        }
    }

    /** {@code out = a · bᵀ}: the input gradient dZ·Wᵀ, without materialising the transpose. */
    public static void multiplyTransposedB(Matrix a, Matrix b, Matrix out) {
        if (a.cols != b.cols || !out.hasShape(a.rows, b.rows)) {
            throw shapeError("a·bᵀ", a, b, out, a.rows + "×" + b.rows);
        }
        out.finiteness.forget();
        if (samePrecision(a, b, out) == Precision.FLOAT64) {
            Kernels.ACTIVE.multiplyTransposedB(a.data, b.data, out.data, a.rows, a.cols, b.rows);
        } else {
            Kernels.ACTIVE.multiplyTransposedB(a.floats, b.floats, out.floats, a.rows, a.cols, b.rows);
        }
    }

    /** Adds the 1×cols matrix {@code rowVector} to every row of this matrix, in place. */
    public void addToEachRow(Matrix rowVector) {
        if (!rowVector.hasShape(1, cols)) {
            throw new IllegalArgumentException(
                    "Expected a 1×" + cols + " row to add to each row of a " + shape() + " matrix, got "
                            + rowVector.shape());
        }
        finiteness.forget();
        if (data != null && rowVector.data != null) {
            double[] v = rowVector.data;
            for (int r = 0; r < rows; r++) {
                int offset = r * cols;
                for (int c = 0; c < cols; c++) {
                    data[offset + c] += v[c];
                }
            }
        } else if (floats != null && rowVector.floats != null) {
            float[] v = rowVector.floats;
            for (int r = 0; r < rows; r++) {
                int offset = r * cols;
                for (int c = 0; c < cols; c++) {
                    floats[offset + c] += v[c];
                }
            }
        } else {
            for (int i = 0, n = size(); i < n; i++) {
                set(i, get(i) + rowVector.get(i % cols));
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
        out.finiteness.forget();
        if (data != null && out.data != null) {
            double[] od = out.data;
            Arrays.fill(od, 0.0);
            for (int r = 0; r < rows; r++) {
                int offset = r * cols;
                for (int c = 0; c < cols; c++) {
                    od[c] += data[offset + c];
                }
            }
        } else if (floats != null && out.floats != null) {
            float[] od = out.floats;
            Arrays.fill(od, 0f);
            for (int r = 0; r < rows; r++) {
                int offset = r * cols;
                for (int c = 0; c < cols; c++) {
                    od[c] += floats[offset + c];
                }
            }
        } else {
            out.fill(0.0);
            for (int i = 0, n = size(); i < n; i++) {
                out.set(i % cols, out.get(i % cols) + get(i));
            }
        }
    }

    /** {@code this -= rate · other}, element-wise: one plain gradient-descent step. */
    public void subtractScaled(Matrix other, double rate) {
        subtractScaled(other, rate, 0, size());
    }

    /** As {@link #subtractScaled(Matrix, double)}, for the elements {@code from} (inclusive) to {@code to}. */
    public void subtractScaled(Matrix other, double rate, int from, int to) {
        requireSameShape("subtract", other, this);
        finiteness.forget();
        if (data != null && other.data != null) {
            double[] od = other.data;
            for (int i = from; i < to; i++) {
                data[i] -= rate * od[i];
            }
        } else if (floats != null && other.floats != null) {
            float[] of = other.floats;
            float r = (float) rate;
            for (int i = from; i < to; i++) {
                floats[i] -= r * of[i];
            }
        } else {
            for (int i = from; i < to; i++) {
                set(i, get(i) - rate * other.get(i));
            }
        }
    }

    /**
     * {@code out[i] = Σ_s weights[s] · terms[s][i]} for {@code from ≤ i < to} over the first {@code count} terms,
     * added term after term in order s = 0, 1, … in the storage's own precision, so the bits depend only on the
     * terms and their order. Sums the gradients of a mini-batch's slices into the batch's gradient; each pass is a
     * plain loop over contiguous elements, which the JIT turns into vector instructions.
     */
    public static void weightedSum(Matrix[] terms, double[] weights, int count, Matrix out, int from, int to) {
        for (int s = 0; s < count; s++) {
            requireSameShape("sum", terms[s], out);
            if (terms[s].precision() != out.precision()) {
                throw new IllegalArgumentException("Cannot sum a " + terms[s].precision().id() + " matrix into a "
                        + out.precision().id() + " one");
            }
        }
        out.finiteness.forget();
        if (out.data != null) {
            double[] od = out.data;
            double[] first = terms[0].data;
            double w0 = weights[0];
            for (int i = from; i < to; i++) {
                od[i] = w0 * first[i];
            }
            for (int s = 1; s < count; s++) {
                double[] t = terms[s].data;
                double w = weights[s];
                for (int i = from; i < to; i++) {
                    od[i] += w * t[i];
                }
            }
        } else {
            float[] of = out.floats;
            float[] first = terms[0].floats;
            float w0 = (float) weights[0];
            for (int i = from; i < to; i++) {
                of[i] = w0 * first[i];
            }
            for (int s = 1; s < count; s++) {
                float[] t = terms[s].floats;
                float w = (float) weights[s];
                for (int i = from; i < to; i++) {
                    of[i] += w * t[i];
                }
            }
        }
    }

    /** The largest absolute value of any element, 0 for an empty matrix. */
    public double maxAbs() {
        double max = 0.0;
        for (int i = 0, n = size(); i < n; i++) {
            max = Math.max(max, Math.abs(get(i)));
        }
        return max;
    }

    /** True when every element is a finite number. */
    public boolean isFinite() {
        return isFinite(0, size());
    }

    /** True when the elements {@code from} (inclusive) to {@code to} are all finite numbers. */
    public boolean isFinite(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return data != null ? Kernels.ACTIVE.allFinite(data, from, to) : Kernels.ACTIVE.allFinite(floats, from, to);
    }

    /** True when both matrices have the same shape and bit-identical elements. */
    public boolean sameBits(Matrix other) {
        if (!other.hasShape(rows, cols) || other.precision() != precision()) {
            return false;
        }
        for (int i = 0, n = size(); i < n; i++) {
            if (data != null ? Double.doubleToRawLongBits(data[i]) != Double.doubleToRawLongBits(other.data[i])
                    : Float.floatToRawIntBits(floats[i]) != Float.floatToRawIntBits(other.floats[i])) {
                return false;
            }
        }
        return true;
    }

    /** The common precision of a product's operands; mixing them is a programming error, named here. */
    private static Precision samePrecision(Matrix a, Matrix b, Matrix out) {
        Precision p = a.precision();
        if (b.precision() != p || out.precision() != p) {
            throw new IllegalArgumentException("A matrix product needs operands of one precision, got a "
                    + a.precision().id() + ", b " + b.precision().id() + " and out " + out.precision().id());
        }
        return p;
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
