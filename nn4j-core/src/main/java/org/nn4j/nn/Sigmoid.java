package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * Logistic sigmoid: {@code f(z) = 1 / (1 + e^(−z))}, {@code f'(z) = a·(1 − a)}. For very negative z, e^(−z)
 * overflows to infinity and the result is exactly 0, never NaN.
 */
public final class Sigmoid implements Activation {

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        for (int i = 0, n = z.size(); i < n; i++) {
            a.set(i, 1.0 / (1.0 + Math.exp(-z.get(i))));
        }
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        for (int i = 0, n = z.size(); i < n; i++) {
            double ai = a.get(i);
            gradZ.set(i, gradA.get(i) * ai * (1.0 - ai));
        }
    }
}
