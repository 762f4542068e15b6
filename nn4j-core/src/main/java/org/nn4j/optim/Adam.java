package org.nn4j.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.NumberText;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Elementwise;

/**
 * Adam by PyTorch's {@code torch.optim.Adam} rule: steps scaled by bias-corrected running averages of the gradient
 * and of its square. For each parameter θ with gradient g, at its step t (from 1):
 * <pre>
 *   g ← g + λ·θ                          (L2 weight decay λ, coupled with the gradient)
 *   m ← β₁·m + (1 − β₁)·g                (m and v start at 0)
 *   v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Defaults as in PyTorch: lr = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0. For weight decay decoupled from the
 * gradient, use {@link AdamW}.
 */
public final class Adam implements Optimizer {

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final ParameterState firstMoment = new ParameterState();
    private final ParameterState secondMoment = new ParameterState();
    /** Each parameter's step count t, in a one-element array so that counting allocates nothing. */
    private final Map<Parameter, int[]> steps = new IdentityHashMap<>();
    /** Each parameter's step size and √(1 − β₂ᵗ) for the step in progress, set by {@link #prepare}. */
    private final Map<Parameter, double[]> corrections = new IdentityHashMap<>();

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
        this.beta1 = Optimizer.requireFraction("beta1", beta1);
        this.beta2 = Optimizer.requireFraction("beta2", beta2);
        this.epsilon = Optimizer.requirePositive("epsilon", epsilon);
        this.weightDecay = Optimizer.requireNonNegative("weight decay", weightDecay);
    }

    @Override
    public String name() {
        return "adam(lr=" + NumberText.format(learningRate) + ", betas=(" + NumberText.format(beta1) + ", "
                + NumberText.format(beta2) + "), eps=" + NumberText.format(epsilon)
                + (weightDecay > 0 ? ", weight_decay=" + NumberText.format(weightDecay) : "") + ")";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
    }

    double beta1() {
        return beta1;
    }

    double beta2() {
        return beta2;
    }

    double epsilon() {
        return epsilon;
    }

    @Override
    public boolean splitsIntoRanges() {
        return true;
    }

    @Override
    public void prepare(List<Parameter> parameters) {
        for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
            firstMoment.of(p);
            secondMoment.of(p);
            int t = ++steps.computeIfAbsent(p, key -> new int[1])[0];
            // The same order of operations as PyTorch's single-tensor Adam, so the numbers agree to the last bits.
            double[] c = corrections.computeIfAbsent(p, key -> new double[2]);
            c[0] = learningRate / (1.0 - Math.pow(beta1, t));
            c[1] = Math.sqrt(1.0 - Math.pow(beta2, t));
        }
    }

    @Override
    public void update(Parameter p, int from, int to) {
        double[] c = corrections.get(p);
        Elementwise.adamStep(p.value(), p.gradient(), firstMoment.of(p), secondMoment.of(p), from, to, beta1, beta2,
                epsilon, weightDecay, c[0], c[1]);
    }

    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        firstMoment.saveTo("exp_avg", parameters, state);
        secondMoment.saveTo("exp_avg_sq", parameters, state);
        for (Parameter p : parameters) {
            int[] t = steps.get(p);
            if (t != null) {
                state.put(p.name() + ".step", new double[] {t[0]});
            }
        }
        return state;
    }

    @Override
    public void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        // Every saved step count is checked before any is used: a file may hold anything.
        for (Parameter p : parameters) {
            double[] t = state.get(p.name() + ".step");
            if (t != null && (t.length != 1 || !(t[0] >= 1 && t[0] <= Integer.MAX_VALUE) || t[0] != Math.rint(t[0]))) {
                throw new IllegalArgumentException("The saved step of " + p.name() + " should be one whole number of"
                        + " 1 or more, got " + (t.length == 1 ? Double.toString(t[0]) : t.length + " values"));
            }
        }
        firstMoment.restoreFrom("exp_avg", parameters, state);
        secondMoment.restoreFrom("exp_avg_sq", parameters, state);
        steps.clear();
        for (Parameter p : parameters) {
            double[] t = state.get(p.name() + ".step");
            if (t != null) {
                steps.put(p, new int[] {(int) t[0]});
            }
        }
    }
}
