package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

class NetworkTest {

    private final Network network = Network.builder(2)
            .dense(3, Activations.RELU)
            .dense(1, Activations.SIGMOID)
            .build(Initializers.HE, RandomSource.seeded(3));

    @Test
    void computesZEqualsXWPlusBLayerByLayer() {
        Network tiny = Network.builder(2).dense(1, Activations.IDENTITY).buildWithZeroWeights();
        tiny.parameters().get(0).value().copyFrom(Matrix.of(2, 1, 2.0, -1.0));
        tiny.parameters().get(1).value().set(0, 0.5);
        // [3, 4]·[2, −1]ᵀ + 0.5 = 2.5
        assertThat(tiny.predict(3.0, 4.0)).containsExactly(2.5);
    }

    @Test
    void summarisesLayersShapesAndParameterCounts() {
        assertThat(network.summary()).contains("Dense", "relu", "sigmoid", "W 2×3, b 1×3", "W 3×1, b 1×1")
                .contains("Total parameters: 13");
        assertThat(network.parameterCount()).isEqualTo(13);
        assertThat(network.sizes()).isEqualTo("2-3-1");
    }

    @Test
    void namesTheExpectedAndGivenShapeForAWrongBatch() {
        assertThatThrownBy(() -> network.forward(Matrix.zeros(32, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The network 2-3-1 expects 2 inputs per sample, got a batch of shape 32×8");
        Dense second = network.layers().get(1);
        assertThatThrownBy(() -> second.forward(Matrix.zeros(32, 8)))
                .hasMessage("Dense layer 2 expects 3 inputs per sample, got a batch of shape 32×8");
    }

    @Test
    void drawsTheSameWeightsForTheSameSeedAndOthersForAnother() {
        Network same = Network.builder(2).dense(3, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(3));
        Network other = Network.builder(2).dense(3, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(4));
        assertThat(same.parameters().get(0).value().sameBits(network.parameters().get(0).value())).isTrue();
        assertThat(other.parameters().get(0).value().sameBits(network.parameters().get(0).value())).isFalse();
    }

    @Test
    void initialisersScaleByLayerSize() {
        Network wide = Network.builder(1000).dense(1000, Activations.RELU).build(Initializers.HE,
                RandomSource.seeded(1));
        Matrix w = wide.parameters().get(0).value();
        double sumSquares = 0;
        for (int i = 0; i < w.size(); i++) {
            sumSquares += w.get(i) * w.get(i);
        }
        // He: variance 2 / fanIn = 0.002; a million samples pin it to within a few percent.
        assertThat(sumSquares / w.size()).isBetween(0.00196, 0.00204);
        assertThat(wide.parameters().get(1).value().maxAbs()).isZero();
        Network xavier = Network.builder(300).dense(300, Activations.TANH).build(Initializers.XAVIER,
                RandomSource.seeded(1));
        assertThat(xavier.parameters().get(0).value().maxAbs()).isLessThanOrEqualTo(Math.sqrt(6.0 / 600));
    }

    @Test
    void copiesAreIndependent() {
        Network copy = network.copy();
        copy.parameters().get(0).value().set(0, 42.0);
        assertThat(network.parameters().get(0).value().get(0)).isNotEqualTo(42.0);
    }
}
