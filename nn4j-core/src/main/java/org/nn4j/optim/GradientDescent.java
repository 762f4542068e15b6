package org.nn4j.optim;

import java.util.List;
import org.nn4j.nn.Parameter;

/** Plain gradient descent: {@code θ ← θ − lr · ∂L/∂θ}. */
public final class GradientDescent implements Optimizer {

    private final double learningRate;

    public GradientDescent(double learningRate) {
        if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be a positive number, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public String name() {
        return "gradient descent (lr=" + learningRate + ")";
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.value().subtractScaled(p.gradient(), learningRate);
        }
    }
}
