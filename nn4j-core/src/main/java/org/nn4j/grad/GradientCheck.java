package org.nn4j.grad;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Compares the gradients of two engines on the same network and data, tensor by tensor, as PyTorch's
 * {@code gradcheck} does: by default backpropagation against central differences in float64. The network must
 * then be float64 ({@code Network.builder(n).precision(Precision.FLOAT64)}, or {@code network.toPrecision(...)}):
 * in the builder's default float32, the ε = 1e-5 differences drown in the rounding of the loss.
 *
 * <p>The relative error of one element is {@code |g − r| / max(|g|, |r|, floor)}. The floor keeps elements whose
 * true gradient is almost zero from failing on the finite difference's rounding noise (about 1e-11 absolute for
 * ε = 1e-5): below the floor, the error is in effect measured absolutely.
 */
public final class GradientCheck {

    /** The step that balances the central difference's truncation error against its rounding error in float64. */
    public static final double DEFAULT_EPSILON = 1e-5;
    public static final double DEFAULT_TOLERANCE = 1e-6;
    public static final double DEFAULT_FLOOR = 1e-3;

    private final GradientEngine tested;
    private final GradientEngine reference;
    private final double tolerance;
    private final double floor;

    public GradientCheck(GradientEngine tested, GradientEngine reference, double tolerance, double floor) {
        if (!(tolerance > 0.0) || !(floor > 0.0)) {
            throw new IllegalArgumentException(
                    "A gradient check needs a positive tolerance and floor, got " + tolerance + " and " + floor);
        }
        this.tested = tested;
        this.reference = reference;
        this.tolerance = tolerance;
        this.floor = floor;
    }

    /** Backpropagation against central differences with ε = 1e-5, relative tolerance 1e-6. */
    public static GradientCheck backpropagationAgainstCentralDifferences() {
        return new GradientCheck(new Backpropagation(), NumericalGradient.centralDifference(DEFAULT_EPSILON),
                DEFAULT_TOLERANCE, DEFAULT_FLOOR);
    }

    /** Runs both engines on {@code network} at its current weights and compares their gradients. */
    public GradientCheckReport run(Network network, Matrix inputs, Matrix targets, Loss loss) {
        reference.computeGradients(network, inputs, targets, loss);
        List<Matrix> referenceGradients = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            referenceGradients.add(p.gradient().copy());
        }
        tested.computeGradients(network, inputs, targets, loss);
        List<TensorCheck> checks = new ArrayList<>();
        for (int i = 0; i < network.parameters().size(); i++) {
            Parameter p = network.parameters().get(i);
            checks.add(compare(p.name(), p.gradient(), referenceGradients.get(i)));
        }
        return new GradientCheckReport(tested.name(), reference.name(), tolerance, checks);
    }

    private TensorCheck compare(String name, Matrix tested, Matrix reference) {
        double maxAbs = 0.0;
        double maxRel = 0.0;
        for (int i = 0; i < tested.size(); i++) {
            double g = tested.get(i);
            double r = reference.get(i);
            double abs = Math.abs(g - r);
            double rel = abs / Math.max(Math.max(Math.abs(g), Math.abs(r)), floor);
            if (Double.isNaN(abs)) {
                abs = Double.POSITIVE_INFINITY;
                rel = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
        }
        return new TensorCheck(name, maxAbs, maxRel, maxRel < tolerance);
    }
}
