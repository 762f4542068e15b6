package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Matrix;

class ActivationsTest {

    private static Matrix apply(Activation f, double... z) {
        Matrix out = Matrix.zeros(1, z.length);
        f.forward(Matrix.row(z), out);
        return out;
    }

    @Test
    void computesEachFunctionAsDefined() {
        assertThat(apply(Activations.RELU, -2, 0, 3).toArray()).containsExactly(0, 0, 3);
        assertThat(apply(Activations.LEAKY_RELU, -2, 3).toArray()).containsExactly(-0.02, 3);
        assertThat(apply(Activations.SIGMOID, 0).get(0)).isEqualTo(0.5);
        assertThat(apply(Activations.SIGMOID, -1000).get(0)).isEqualTo(0.0);
        assertThat(apply(Activations.TANH, 0.5).get(0)).isCloseTo(0.46211715726000974, within(1e-16));
        assertThat(apply(Activations.IDENTITY, -1.5).get(0)).isEqualTo(-1.5);
        // softmax(1, 2, 3) = e^k / (e + e² + e³)
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(apply(Activations.SOFTMAX, 1, 2, 3).toArray())
                .containsExactly(new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum}, within(1e-15));
        assertThat(apply(Activations.SOFTMAX, 1000, 1000).toArray()).containsExactly(0.5, 0.5);
    }

    @Test
    void reluPassesNoGradientAtZero() {
        Matrix z = Matrix.row(-1, 0, 2);
        Matrix a = apply(Activations.RELU, -1, 0, 2);
        Matrix grad = Matrix.zeros(1, 3);
        Activations.RELU.backward(z, a, Matrix.row(5, 5, 5), grad);
        assertThat(grad.toArray()).containsExactly(0, 0, 5);
    }

    @Test
    void sigmoidDerivativeIsAOneMinusA() {
        Matrix z = Matrix.row(0.0);
        Matrix a = apply(Activations.SIGMOID, 0.0);
        Matrix grad = Matrix.zeros(1, 1);
        Activations.SIGMOID.backward(z, a, Matrix.row(1.0), grad);
        assertThat(grad.get(0)).isEqualTo(0.25);
    }

    @Test
    void findsActivationsByNameAndListsTheKnownOnesOtherwise() {
        assertThat(Activations.byName("ReLU")).isSameAs(Activations.RELU);
        assertThat(Activations.byName("leaky_relu(0.2)").name()).isEqualTo("leaky_relu(0.2)");
        for (Activation a : Activations.ALL) {
            assertThat(Activations.byName(a.name()).name()).isEqualTo(a.name());
        }
        assertThatThrownBy(() -> Activations.byName("swish"))
                .hasMessage("Unknown activation 'swish'; known: relu, leaky_relu, leaky_relu(SLOPE), sigmoid, tanh,"
                        + " identity, softmax");
    }
}
