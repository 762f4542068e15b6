package org.nn4j.nn;

import org.nn4j.tensor.Elementwise;
import org.nn4j.tensor.Matrix;

/**
 * Softmax over each row: {@code a_k = e^(z_k − m) / Σ_j e^(z_j − m)} with m the row's maximum, which leaves the
 * result unchanged and keeps every exponent ≤ 0 so nothing overflows. Its Jacobian-vector product is
 * {@code gradZ_k = a_k · (gradA_k − Σ_j gradA_j · a_j)}.
 */
public final class Softmax implements Activation {

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        Elementwise.softmaxRows(z, a);
    }

    @Override
    public void addBiasThenForward(Matrix z, Matrix bias, Matrix a) {
        Elementwise.addBiasThenSoftmax(z, bias, a);
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        int cols = z.cols();
        for (int r = 0, rows = z.rows(); r < rows; r++) {
            double dot = 0.0;
            for (int c = 0; c < cols; c++) {
                dot += gradA.get(r, c) * a.get(r, c);
            }
            for (int c = 0; c < cols; c++) {
                gradZ.set(r, c, a.get(r, c) * (gradA.get(r, c) - dot));
            }
        }
    }
}
