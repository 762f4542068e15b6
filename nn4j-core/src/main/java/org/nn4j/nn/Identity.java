package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/** No activation: {@code f(z) = z}, for regression outputs. */
public final class Identity implements Activation {

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public void forward(Matrix z, Matrix a) {
        a.copyFrom(z);
    }

    @Override
    public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
        gradZ.copyFrom(gradA);
    }
}
