package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.grad.Backpropagation;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Logits of ±1e4 give finite losses, probabilities and gradients with every output and loss, and so do ±1e300
 * behind the bounded outputs (sigmoid, softmax, tanh): the exponentials are taken where they cannot overflow.
 */
class ExtremeLogitsTest {

    private record Case(Activation output, Loss loss, int outputs) {
    }

    @Test
    void hugeLogitsGiveFiniteLossesAndGradients() {
        List<Case> cases = List.of(
                new Case(Activations.SIGMOID, Losses.BINARY_CROSS_ENTROPY, 1),
                new Case(Activations.SOFTMAX, Losses.SOFTMAX_CROSS_ENTROPY, 3),
                new Case(Activations.TANH, Losses.MEAN_SQUARED_ERROR, 2),
                new Case(Activations.SIGMOID, Losses.MEAN_SQUARED_ERROR, 1),
                new Case(Activations.IDENTITY, Losses.MEAN_SQUARED_ERROR, 2));
        for (double scale : new double[] {1e4, 1e300}) {
            for (Case c : cases) {
                if (scale > 1e4 && c.output == Activations.IDENTITY) {
                    continue; // an unbounded output's squared error of 1e600 is out of float64's range by nature
                }
                // One input of 1 and a weight of ±scale: the logits are ±scale, confidently right and wrong.
                Network network = Network.builder(1).precision(Precision.FLOAT64)
                        .dense(c.outputs, c.output).buildWithZeroWeights();
                Matrix w = network.layers().get(0).weight().value();
                for (int k = 0; k < c.outputs; k++) {
                    w.set(0, k, k % 2 == 0 ? scale : -scale);
                }
                Matrix x = Matrix.of(new double[][] {{1}, {1}});
                Matrix y = Matrix.zeros(2, c.outputs);
                y.set(0, 0, 1.0);               // row 0 agrees with the largest logit
                y.set(1, c.outputs - 1, 1.0);   // row 1 does not
                double loss = new Backpropagation().computeGradients(network, x, y, c.loss);
                String what = c.output.name() + " + " + c.loss.name() + " at ±" + scale;
                assertThat(Double.isFinite(loss)).as(what + ": loss " + loss).isTrue();
                assertThat(network.lastOutput().isFinite()).as(what + ": outputs").isTrue();
                for (Parameter p : network.parameters()) {
                    assertThat(p.gradient().isFinite()).as(what + ": gradient of " + p.name()).isTrue();
                }
                if (c.output == Activations.SOFTMAX) {
                    double sum = 0;
                    for (int k = 0; k < c.outputs; k++) {
                        sum += network.lastOutput().get(0, k);
                    }
                    assertThat(sum).isEqualTo(1.0);
                }
            }
        }
    }
}
