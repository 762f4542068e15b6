package org.nn4j.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.data.NumberText;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), by PyTorch's {@code torch.optim.AdamW} rule: each
 * step first shrinks the weights, {@code θ ← θ·(1 − lr·λ)}, then takes an {@link Adam} step on the unchanged
 * gradient. Unlike L2 decay inside Adam, the shrinking is not divided by the gradient's running RMS, so every
 * weight decays at the same rate. Defaults as in PyTorch: lr = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0.01.
 */
public final class AdamW implements Optimizer {

    private final Adam adam;
    private final double weightDecay;
    /** 1 − lr·λ for the step in progress, set by {@link #prepare}. */
    private double shrink;

    public AdamW(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this.adam = new Adam(learningRate, beta1, beta2, epsilon, 0.0);
        this.weightDecay = Optimizer.requireNonNegative("weight decay", weightDecay);
    }

    @Override
    public String name() {
        return "adamw(lr=" + NumberText.format(adam.learningRate()) + ", betas=(" + NumberText.format(adam.beta1())
                + ", " + NumberText.format(adam.beta2()) + "), eps=" + NumberText.format(adam.epsilon())
                + ", weight_decay=" + NumberText.format(weightDecay) + ")";
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        adam.setLearningRate(learningRate);
    }

    @Override
    public boolean splitsIntoRanges() {
        return true;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        shrink = 1.0 - adam.learningRate() * weightDecay;
        adam.prepare(parameters);
    }

    /** Each element shrinks, then takes Adam's step from its shrunk value, as PyTorch's AdamW does. */
    @Override
    public void update(Parameter p, int from, int to) {
        Matrix theta = p.value();
        for (int i = from; i < to; i++) {
            theta.set(i, theta.get(i) * shrink);
        }
        adam.update(p, from, to);
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        return adam.state(parameters);
    }

    @Override
    public void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        adam.restoreState(parameters, state);
    }
}
