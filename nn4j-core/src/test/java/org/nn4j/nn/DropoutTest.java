package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientCheck;
import org.nn4j.grad.NumericalGradient;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

class DropoutTest {

    /** Draws the same cycle of numbers again and again, so every forward pass of one batch gets the same mask. */
    private static RandomSource cycle(double... values) {
        return new RandomSource() {
            private int next;

            @Override
            public double nextGaussian() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return values[next++ % values.length];
            }
        };
    }

    private static Network network() {
        return Network.builder(3).precision(Precision.FLOAT64)
                .dense(4, Activations.TANH).dropout(0.5).dense(2, Activations.SOFTMAX)
                .build(Initializers.XAVIER, RandomSource.seeded(4));
    }

    @Test
    void inferenceModeIgnoresDropout() {
        Network net = network();
        Matrix x = Matrix.of(2, 3, 0.1, -0.2, 0.3, 1.0, 0.5, -1.0);
        Matrix plain = net.predict(x);
        net.enableDropout(RandomSource.seeded(1));
        net.disableDropout();
        assertThat(net.predict(x).sameBits(plain)).isTrue();
    }

    @Test
    void trainingModeZeroesDrawnUnitsAndScalesTheRestByOneOverKeep() {
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(4, Activations.IDENTITY).dropout(0.5).dense(1, Activations.IDENTITY)
                .buildWithZeroWeights();
        Dense hidden = net.layers().get(0);
        for (int i = 0; i < 4; i++) {
            hidden.weight().value().set(i, i + 1.0);
        }
        // Draws below the rate 0.5 drop the unit.
        net.enableDropout(cycle(0.9, 0.1, 0.7, 0.3));
        Matrix out = hidden.forward(Matrix.of(1, 1, 1.0));
        assertThat(out.toArray()).containsExactly(2.0, 0.0, 6.0, 0.0);
    }

    @Test
    void backpropagationThroughAFixedMaskMatchesCentralDifferences() {
        Network net = network();
        Matrix x = Matrix.of(2, 3, 0.1, -0.2, 0.3, 1.0, 0.5, -1.0);
        Matrix y = Matrix.of(2, 2, 1, 0, 0, 1);
        // 2 rows × 4 units = 8 draws per pass: the same mask on every pass.
        net.enableDropout(cycle(0.9, 0.1, 0.7, 0.3, 0.2, 0.8, 0.6, 0.4));
        GradientCheck check = new GradientCheck(new Backpropagation(), NumericalGradient.centralDifference(1e-5),
                1e-6, 1e-3);
        assertThat(check.run(net, x, y, Losses.SOFTMAX_CROSS_ENTROPY).passed()).isTrue();
        // A dropped unit passes no gradient to its incoming weights.
        new Backpropagation().computeGradients(net, x, y, Losses.SOFTMAX_CROSS_ENTROPY);
        Matrix g = net.layers().get(0).weight().gradient();
        // Unit 1 is dropped in row 1 (draw 0.1) and kept in row 2 (draw 0.8); unit 3 is dropped in both (0.3, 0.4).
        assertThat(g.get(0, 3)).isZero();
        assertThat(g.get(1, 3)).isZero();
        assertThat(g.get(0, 1)).isNotZero();
    }

    @Test
    void dropoutIsSavedInTheArchitectureAndRefusedOnTheOutputLayer() {
        assertThat(network().describe()).isEqualTo("3-4-2 (tanh + dropout 0.5, softmax)");
        assertThat(network().sameArchitecture(Network.builder(3).dense(4, Activations.TANH)
                .dense(2, Activations.SOFTMAX).buildWithZeroWeights())).isFalse();
        assertThatThrownBy(() -> Network.builder(3).dense(2, Activations.SOFTMAX).dropout(0.2).buildWithZeroWeights())
                .hasMessageContaining("output layer");
        assertThatThrownBy(() -> Network.builder(3).dense(2, Activations.RELU).dropout(1.0))
                .hasMessage("The dropout rate must be at least 0 and below 1, got 1.0");
    }
}
