package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/** Hyperbolic tangent: {@code f(z) = tanh(z)}, {@code f'(z) = 1 − a²}. */
public final class Tanh implements Activation {

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        for (int i = 0, n = z.size(); i < n; i++) {
            a.set(i, Math.tanh(z.get(i)));
        }
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        for (int i = 0, n = z.size(); i < n; i++) {
            double ai = a.get(i);
            gradZ.set(i, gradA.get(i) * (1.0 - ai * ai));
        }
    }
}
