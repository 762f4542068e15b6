package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/** Mean squared error over every element: {@code L = (1/N) Σ (p − y)²}, gradient {@code 2(p − y) / N}. */
public final class MeanSquaredError implements Loss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double value(Matrix predictions, Matrix targets) {
        Loss.requireSameShape(this, predictions, targets);
        double sum = 0.0;
        int n = predictions.size();
        for (int i = 0; i < n; i++) {
            double d = predictions.get(i) - targets.get(i);
            sum += d * d;
        }
        return sum / n;
    }

    @Override
    public void gradient(Matrix predictions, Matrix targets, Matrix out) {
        Loss.requireSameShape(this, predictions, targets);
        int n = predictions.size();
        for (int i = 0; i < n; i++) {
            out.set(i, 2.0 * (predictions.get(i) - targets.get(i)) / n);
        }
    }
}
