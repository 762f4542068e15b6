package org.nn4j.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

class NumericalGradientTest {

    /** y = w·x + b with MSE on one sample: L = (w·x + b − t)², so ∂L/∂w = 2(w·x + b − t)·x. */
    private static Network line(double w, double b) {
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.parameters().get(0).value().set(0, w);
        net.parameters().get(1).value().set(0, b);
        return net;
    }

    @Test
    void forwardDifferenceMatchesTheHandComputedQuotient() {
        Network net = line(2.0, 1.0);
        Matrix x = Matrix.of(1, 1, 3.0);
        Matrix t = Matrix.of(1, 1, 4.0);
        double eps = 1e-3;
        NumericalGradient.forwardDifference(eps).computeGradients(net, x, t, Losses.MEAN_SQUARED_ERROR);
        // L(w) = (3w + 1 − 4)² = 9 at w = 2; L(w + ε) = (3 + 3ε)²
        double expected = ((3 + 3 * eps) * (3 + 3 * eps) - 9) / eps;
        assertThat(net.parameters().get(0).gradient().get(0)).isCloseTo(expected, within(1e-9));
        assertThat(expected).isCloseTo(18.0, within(0.01)); // the exact derivative, 2·3·3
    }

    @Test
    void centralDifferenceIsExactForAQuadratic() {
        Network net = line(2.0, 1.0);
        NumericalGradient.centralDifference(1e-3).computeGradients(net, Matrix.of(1, 1, 3.0), Matrix.of(1, 1, 4.0),
                Losses.MEAN_SQUARED_ERROR);
        assertThat(net.parameters().get(0).gradient().get(0)).isCloseTo(18.0, within(1e-8));
        assertThat(net.parameters().get(1).gradient().get(0)).isCloseTo(6.0, within(1e-8));
    }

    @Test
    void leavesTheWeightsAsTheyWere() {
        Network net = line(0.1, 0.3);
        Network before = net.copy();
        NumericalGradient.forwardDifference(1e-5).computeGradients(net, Matrix.of(1, 1, 0.7), Matrix.of(1, 1, 1),
                Losses.MEAN_SQUARED_ERROR);
        for (int i = 0; i < net.parameters().size(); i++) {
            assertThat(net.parameters().get(i).value().sameBits(before.parameters().get(i).value())).isTrue();
        }
    }
}
