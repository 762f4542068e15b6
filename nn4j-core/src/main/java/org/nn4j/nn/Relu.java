package org.nn4j.nn;

import org.nn4j.tensor.Elementwise;
import org.nn4j.tensor.Matrix;

/** Rectified linear unit: {@code f(z) = max(z, 0)}; {@code f'(z) = 1} for z &gt; 0 and 0 otherwise (also at 0). */
public final class Relu implements Activation {

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        for (int i = 0, n = z.size(); i < n; i++) {
            a.set(i, Math.max(z.get(i), 0.0));
        }
    }

    @Override
    public void addBiasThenForward(Matrix z, Matrix bias, Matrix a) {
        Elementwise.addBiasThenRelu(z, bias, a);
    }

    @Override
    public void affineThenForward(Matrix x, Matrix w, Matrix bias, Matrix z, Matrix a) {
        Elementwise.multiplyAddBiasThenRelu(x, w, bias, z, a);
    }

    /**
     * True: the derivative needs only whether z &gt; 0, and {@code max(z, 0) > 0} exactly when z &gt; 0 (NaN is
     * neither), so a layer keeps one matrix and its forward pass writes half as much memory.
     */
    @Override
    public boolean runsInPlace() {
        return true;
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        Elementwise.reluBackward(z, gradA, gradZ);
    }
}
