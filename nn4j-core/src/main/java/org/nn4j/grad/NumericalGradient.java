package org.nn4j.grad;

import java.util.List;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Estimates the gradient by finite differences, one parameter at a time, all at the same weights θ:
 * <ul>
 *   <li>forward difference (the tutorial's): {@code g = (L(θ + ε·e_i) − L(θ)) / ε}, error O(ε);</li>
 *   <li>central difference: {@code g = (L(θ + ε·e_i) − L(θ − ε·e_i)) / (2ε)}, error O(ε²), twice the work.</li>
 * </ul>
 * Each nudge is undone (the weight restored bit for bit) before the next.
 *
 * <p>The tutorial writes its estimate as {@code (L(θ) − L(θ + ε)) / ε} and then adds {@code lr·g}; this class
 * returns the gradient itself and the optimizer subtracts {@code lr·g}, which gives the same bits, because
 * floating-point subtraction and negation are exact mirror images.
 *
 * <p>Cost: one forward pass per parameter (two for central), which is why backpropagation exists. Layers before
 * the nudged one are not recomputed: their outputs cannot have changed.
 */
public final class NumericalGradient implements GradientEngine {

    /** Which finite difference to take. */
    public enum Scheme {
        FORWARD,
        CENTRAL
    }

    private final Scheme scheme;
    private final double epsilon;

    private NumericalGradient(Scheme scheme, double epsilon) {
        if (!(epsilon > 0.0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("The finite-difference step ε must be a positive number, got " + epsilon);
        }
        this.scheme = scheme;
        this.epsilon = epsilon;
    }

    /** The tutorial's forward difference with step {@code epsilon}. */
    public static NumericalGradient forwardDifference(double epsilon) {
        return new NumericalGradient(Scheme.FORWARD, epsilon);
    }

    /** The central difference with step {@code epsilon}. */
    public static NumericalGradient centralDifference(double epsilon) {
        return new NumericalGradient(Scheme.CENTRAL, epsilon);
    }

    public Scheme scheme() {
        return scheme;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public String name() {
        return "numerical (" + scheme.name().toLowerCase(java.util.Locale.ROOT) + " difference, ε=" + epsilon + ")";
    }

    @Override
    public double computeGradients(Network network, Matrix inputs, Matrix targets, Loss loss) {
        GradientEngine.requireBatchFits(network, inputs, targets);
        double base = loss.value(network.forward(inputs), targets);
        List<Dense> layers = network.layers();
        // Last layer first: nudging layer k only needs layers k.. recomputed, and the cached outputs of the
        // layers before k are still those of the unchanged weights, because no earlier layer has been nudged yet.
        for (int k = layers.size() - 1; k >= 0; k--) {
            Dense layer = layers.get(k);
            estimate(network, k, layer.weight(), inputs, targets, loss, base);
            estimate(network, k, layer.bias(), inputs, targets, loss, base);
        }
        return base;
    }

    private void estimate(Network network, int layer, Parameter parameter, Matrix inputs, Matrix targets, Loss loss,
            double base) {
        Matrix value = parameter.value();
        Matrix gradient = parameter.gradient();
        for (int i = 0, n = value.size(); i < n; i++) {
            double original = value.get(i);
            value.set(i, original + epsilon);
            double plus = loss.value(network.forwardFrom(layer, inputs), targets);
            if (scheme == Scheme.FORWARD) {
                gradient.set(i, (plus - base) / epsilon);
            } else {
                value.set(i, original - epsilon);
                double minus = loss.value(network.forwardFrom(layer, inputs), targets);
                gradient.set(i, (plus - minus) / (2.0 * epsilon));
            }
            value.set(i, original);
        }
    }
}
