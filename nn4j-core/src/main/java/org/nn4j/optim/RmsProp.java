package org.nn4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.NumberText;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * RMSprop by PyTorch's {@code torch.optim.RMSprop} rule: each weight's step is divided by a running root mean
 * square of its recent gradients. For each parameter θ with gradient g:
 * <pre>
 *   g ← g + λ·θ                         (weight decay λ)
 *   v ← α·v + (1 − α)·g²                (v starts at 0)
 *   d ← √v + ε
 *   θ ← θ − lr·g / d                    (no momentum)
 *   b ← μ·b + g / d;  θ ← θ − lr·b      (momentum μ &gt; 0, b starts at 0)
 * </pre>
 * Defaults as in PyTorch: lr = 0.01, α = 0.99, ε = 1e-8, λ = 0, μ = 0 (the centred variant is not offered).
 */
public final class RmsProp implements Optimizer {

    private double learningRate;
    private final double alpha;
    private final double epsilon;
    private final double weightDecay;
    private final double momentum;
    private final ParameterState squareAverage = new ParameterState();
    private final ParameterState buffer = new ParameterState();

    public RmsProp(double learningRate) {
        this(learningRate, 0.99, 1e-8, 0.0, 0.0);
    }

    public RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
        this.alpha = Optimizer.requireFraction("smoothing constant alpha", alpha);
        this.epsilon = Optimizer.requirePositive("epsilon", epsilon);
        this.weightDecay = Optimizer.requireNonNegative("weight decay", weightDecay);
        this.momentum = Optimizer.requireFraction("momentum", momentum);
    }

    @Override
    public String name() {
        return "rmsprop(lr=" + NumberText.format(learningRate) + ", alpha=" + NumberText.format(alpha) + ", eps="
                + NumberText.format(epsilon)
                + (weightDecay > 0 ? ", weight_decay=" + NumberText.format(weightDecay) : "")
                + (momentum > 0 ? ", momentum=" + NumberText.format(momentum) : "") + ")";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
            Matrix theta = p.value();
            Matrix grad = p.gradient();
            double[] v = squareAverage.of(p);
            double[] b = momentum > 0 ? buffer.of(p) : null;
            for (int i = 0, n = theta.size(); i < n; i++) {
                double g = grad.get(i);
                if (weightDecay != 0.0) {
                    g += weightDecay * theta.get(i);
                }
                v[i] = alpha * v[i] + (1.0 - alpha) * g * g;
                double scaled = g / (Math.sqrt(v[i]) + epsilon);
                if (b != null) {
                    b[i] = momentum * b[i] + scaled;
                    scaled = b[i];
                }
                theta.set(i, theta.get(i) - learningRate * scaled);
            }
        }
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        squareAverage.saveTo("square_avg", parameters, state);
        buffer.saveTo("momentum_buffer", parameters, state);
        return state;
    }

    @Override
    public void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        squareAverage.restoreFrom("square_avg", parameters, state);
        buffer.restoreFrom("momentum_buffer", parameters, state);
    }
}
