package org.nn4j.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.NumberText;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Stochastic gradient descent, with optional momentum, Nesterov momentum and L2 weight decay, by PyTorch's
 * {@code torch.optim.SGD} rule. For each parameter θ with gradient g, at step t:
 * <pre>
 *   g ← g + λ·θ                                  (weight decay λ, when λ &gt; 0)
 *   b ← g                 at t = 1               (momentum μ, when μ &gt; 0)
 *   b ← μ·b + (1 − τ)·g   after                  (dampening τ)
 *   g ← g + μ·b  with Nesterov, else g ← b
 *   θ ← θ − lr·g
 * </pre>
 * With μ = 0 and λ = 0 this is plain gradient descent, {@code θ ← θ − lr·g}, the tutorial's update. Defaults as
 * in PyTorch: μ = 0, τ = 0, λ = 0, no Nesterov.
 */
public final class Sgd implements Optimizer {

    private double learningRate;
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final ParameterState velocity = new ParameterState();
    /** Whether the step in progress is each parameter's first, set by {@link #prepare}. */
    private final Map<Parameter, boolean[]> firstStep = new IdentityHashMap<>();

    /** Plain gradient descent. */
    public Sgd(double learningRate) {
        this(learningRate, 0.0, 0.0, 0.0, false);
    }

    public Sgd(double learningRate, double momentum, double dampening, double weightDecay, boolean nesterov) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
        this.momentum = Optimizer.requireFraction("momentum", momentum);
        this.dampening = Optimizer.requireFraction("dampening", dampening);
        this.weightDecay = Optimizer.requireNonNegative("weight decay", weightDecay);
        if (nesterov && (momentum == 0.0 || dampening != 0.0)) {
            throw new IllegalArgumentException(
                    "Nesterov momentum needs a momentum above 0 and no dampening, got momentum " + momentum
                            + " and dampening " + dampening);
        }
        this.nesterov = nesterov;
    }

    /** SGD with (heavy-ball) momentum μ. */
    public static Sgd withMomentum(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, 0.0, 0.0, false);
    }

    /** SGD with Nesterov momentum μ. */
    public static Sgd nesterov(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, 0.0, 0.0, true);
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder(nesterov ? "nesterov" : momentum > 0 ? "momentum" : "sgd");
        sb.append("(lr=").append(NumberText.format(learningRate));
        if (momentum > 0) {
            sb.append(", momentum=").append(NumberText.format(momentum));
        }
        if (dampening > 0) {
            sb.append(", dampening=").append(NumberText.format(dampening));
        }
        if (weightDecay > 0) {
            sb.append(", weight_decay=").append(NumberText.format(weightDecay));
        }
        return sb.append(')').toString();
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
    public boolean splitsIntoRanges() {
        return true;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        if (momentum == 0.0) {
            return;
        }
        for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
            // The first step sets the momentum buffer to the gradient; later ones blend into it.
            firstStep.computeIfAbsent(p, key -> new boolean[1])[0] = velocity.isNew(p);
            velocity.of(p);
        }
    }

    @Override
    public void update(Parameter p, int from, int to) {
        if (momentum == 0.0 && weightDecay == 0.0) {
            p.value().subtractScaled(p.gradient(), learningRate, from, to);
            return;
        }
        Matrix theta = p.value();
        Matrix grad = p.gradient();
        boolean first = momentum > 0 && firstStep.get(p)[0];
        double[] b = momentum > 0 ? velocity.of(p) : null;
        for (int i = from; i < to; i++) {
            double g = grad.get(i);
            if (weightDecay != 0.0) {
                g += weightDecay * theta.get(i);
            }
            if (b != null) {
                b[i] = first ? g : momentum * b[i] + (1.0 - dampening) * g;
                g = nesterov ? g + momentum * b[i] : b[i];
            }
            theta.set(i, theta.get(i) - learningRate * g);
        }
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        velocity.saveTo("momentum_buffer", parameters, state);
        return state;
    }

    @Override
    public void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        velocity.restoreFrom("momentum_buffer", parameters, state);
    }
}
