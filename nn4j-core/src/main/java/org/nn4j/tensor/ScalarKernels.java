package org.nn4j.tensor;

import java.util.Arrays;

/**
 * Plain loops: the reference that every faster kernel is tested against, and the fallback where the JDK's Vector
 * API is not enabled.
 */
final class ScalarKernels implements MatrixKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void multiply(double[] ad, double[] bd, double[] od, int n, int k, int m) {
        // i-k-j order: the inner loop walks rows of b and out contiguously.
        for (int i = 0; i < n; i++) {
            int outRow = i * m;
            Arrays.fill(od, outRow, outRow + m, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = ad[i * k + p];
                int bRow = p * m;
                for (int j = 0; j < m; j++) {
                    od[outRow + j] += aip * bd[bRow + j];
                }
            }
        }
    }

    @Override
    public void multiplyTransposedA(double[] ad, double[] bd, double[] od, int n, int k, int m) {
        Arrays.fill(od, 0, k * m, 0.0);
        for (int s = 0; s < n; s++) {
            int bRow = s * m;
            for (int p = 0; p < k; p++) {
                double asp = ad[s * k + p];
                int outRow = p * m;
                for (int j = 0; j < m; j++) {
                    od[outRow + j] += asp * bd[bRow + j];
                }
            }
        }
    }

    @Override
    public void multiplyTransposedB(double[] ad, double[] bd, double[] od, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int aRow = i * k;
            for (int j = 0; j < m; j++) {
                int bRow = j * k;
                double sum = 0.0;
                for (int p = 0; p < k; p++) {
                    sum += ad[aRow + p] * bd[bRow + p];
                }
                od[i * m + j] = sum;
            }
        }
    }

    // float32: one fused multiply-add per product, in the same order as the float64 loops.

    @Override
    public void multiply(float[] ad, float[] bd, float[] od, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int outRow = i * m;
            Arrays.fill(od, outRow, outRow + m, 0f);
            for (int p = 0; p < k; p++) {
                float aip = ad[i * k + p];
                int bRow = p * m;
                for (int j = 0; j < m; j++) {
                    od[outRow + j] = Math.fma(aip, bd[bRow + j], od[outRow + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposedA(float[] ad, float[] bd, float[] od, int n, int k, int m) {
        Arrays.fill(od, 0, k * m, 0f);
        for (int s = 0; s < n; s++) {
            int bRow = s * m;
            for (int p = 0; p < k; p++) {
                float asp = ad[s * k + p];
                int outRow = p * m;
                for (int j = 0; j < m; j++) {
                    od[outRow + j] = Math.fma(asp, bd[bRow + j], od[outRow + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposedB(float[] ad, float[] bd, float[] od, int n, int k, int m) {
        for (int i = 0; i < n; i++) {
            int aRow = i * k;
            for (int j = 0; j < m; j++) {
                int bRow = j * k;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(ad[aRow + p], bd[bRow + p], sum);
                }
                od[i * m + j] = sum;
            }
        }
    }

    @Override
    public void addBiasThenRelu(double[] z, double[] bias, double[] a, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                double sum = z[row + c] + bias[c];
                z[row + c] = sum;
                a[row + c] = Math.max(sum, 0.0);
            }
        }
    }

    @Override
    public void addBiasThenRelu(float[] z, float[] bias, float[] a, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                float sum = z[row + c] + bias[c];
                z[row + c] = sum;
                a[row + c] = Math.max(sum, 0f);
            }
        }
    }

    @Override
    public void addBiasThenSoftmax(float[] z, float[] bias, float[] a, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            softmaxRow(z, bias, a, r * cols, cols);
        }
    }

    /** {@link #addBiasThenSoftmax} on the row of {@code cols} values starting at {@code row}. */
    static void softmaxRow(float[] z, float[] bias, float[] a, int row, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < cols; c++) {
            if (bias != null) {
                z[row + c] += bias[c];
            }
            max = Math.max(max, z[row + c]);
        }
        float sum = 0f;
        for (int c = 0; c < cols; c++) {
            float e = FloatExponential.exp(z[row + c] - max);
            a[row + c] = e;
            sum += e;
        }
        for (int c = 0; c < cols; c++) {
            a[row + c] /= sum;
        }
    }

    @Override
    public void reluBackward(double[] z, double[] gradA, double[] gradZ, int size) {
        for (int i = 0; i < size; i++) {
            gradZ[i] = z[i] > 0.0 ? gradA[i] : 0.0;
        }
    }

    @Override
    public void reluBackward(float[] z, float[] gradA, float[] gradZ, int size) {
        for (int i = 0; i < size; i++) {
            gradZ[i] = z[i] > 0f ? gradA[i] : 0f;
        }
    }

    @Override
    public void adamStep(double[] t, double[] gs, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        for (int i = from; i < to; i++) {
            double g = weightDecay != 0.0 ? gs[i] + weightDecay * t[i] : gs[i];
            m[i] += (g - m[i]) * keep1;
            v[i] = v[i] * beta2 + keep2 * g * g;
            t[i] = t[i] - stepSize * (m[i] / (Math.sqrt(v[i]) / correction2Sqrt + epsilon));
        }
    }

    @Override
    public void adamStep(float[] t, float[] gs, double[] m, double[] v, int from, int to, double beta1,
            double beta2, double epsilon, double weightDecay, double stepSize, double correction2Sqrt) {
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        for (int i = from; i < to; i++) {
            double g = weightDecay != 0.0 ? gs[i] + weightDecay * t[i] : gs[i];
            m[i] += (g - m[i]) * keep1;
            v[i] = v[i] * beta2 + keep2 * g * g;
            t[i] = (float) (t[i] - stepSize * (m[i] / (Math.sqrt(v[i]) / correction2Sqrt + epsilon)));
        }
    }

    @Override
    public boolean allFinite(double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean allFinite(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
