package org.nn4j.grad;

import java.util.List;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The exact gradient by the chain rule: one forward pass, then each layer from the last to the first turns the
 * gradient with respect to its output into the gradients of its weights and the gradient with respect to its
 * input. Where the loss has a fused form with the output activation (sigmoid with binary cross-entropy, softmax
 * with cross-entropy) the backward pass starts from {@code ∂L/∂z = (a − y) / n}, which is exact and cannot
 * overflow.
 *
 * <p>Cost: about three times a forward pass, whatever the number of parameters.
 */
public final class Backpropagation implements GradientEngine {

    private Matrix outputGradient;

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public double computeGradients(Network network, Matrix inputs, Matrix targets, Loss loss) {
        GradientEngine.requireBatchFits(network, inputs, targets);
        Matrix predictions = network.forward(inputs);
        double value = loss.value(predictions, targets);

        List<Dense> layers = network.layers();
        int last = layers.size() - 1;
        Dense output = layers.get(last);
        outputGradient = Matrix.reuseOrAllocate(outputGradient, predictions.rows(), predictions.cols(),
                predictions.precision());
        Matrix gradient;
        if (loss.gradientBeforeActivation(output.activation(), predictions, targets, outputGradient)) {
            gradient = output.backwardFromPreActivation(outputGradient, last > 0);
        } else {
            loss.gradient(predictions, targets, outputGradient);
            gradient = output.backward(outputGradient, last > 0);
        }
        for (int k = last - 1; k >= 0; k--) {
            gradient = layers.get(k).backward(gradient, k > 0);
        }
        return value;
    }
}
