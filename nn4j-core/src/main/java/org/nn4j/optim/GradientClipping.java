package org.nn4j.optim;

import java.util.List;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: when the L2 norm of all gradients taken together,
 * {@code ‖g‖ = √(Σ g²)}, exceeds {@code maxNorm}, every gradient is multiplied by
 * {@code maxNorm / (‖g‖ + 1e-6)}, which keeps the direction and caps the length of the step.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** Clips the gradients of {@code parameters} in place and returns their global norm before clipping. */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        Optimizer.requirePositive("maximum gradient norm", maxNorm);
        double sumOfSquares = 0.0;
        for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
            Matrix g = p.gradient();
            for (int i = 0, n = g.size(); i < n; i++) {
                sumOfSquares += g.get(i) * g.get(i);
            }
        }
        double norm = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1.0) {
            for (int index = 0, count = parameters.size(); index < count; index++) {
            Parameter p = parameters.get(index);
                Matrix g = p.gradient();
                for (int i = 0, n = g.size(); i < n; i++) {
                    g.set(i, g.get(i) * coefficient);
                }
            }
        }
        return norm;
    }
}
