package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;

/** The weights a Spark step sends are compact and arrive bit for bit. */
class StepWeightsTest {

    private static Network network(long seed, Precision precision) {
        return Network.builder(5).dense(7, Activations.TANH).dense(3, Activations.SOFTMAX).precision(precision)
                .build(Initializers.XAVIER, RandomSource.seeded(seed));
    }

    private static boolean sameWeights(Network a, Network b) {
        for (int p = 0; p < a.parameters().size(); p++) {
            if (!a.parameters().get(p).value().sameBits(b.parameters().get(p).value())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void float64WeightsTakeEightBytesEachAndArriveBitForBit() {
        Network sent = network(1, Precision.FLOAT64);
        Network received = network(2, Precision.FLOAT64);
        byte[] packed = StepWeights.pack(sent);
        // 5·7 + 7 + 7·3 + 3 = 66 parameters.
        assertThat(packed).hasSize(66 * 8);
        assertThat(sameWeights(sent, received)).isFalse();
        StepWeights.unpack(packed, received);
        assertThat(sameWeights(sent, received)).isTrue();
    }

    @Test
    void float32WeightsTakeFourBytesEachAndArriveBitForBit() {
        Network sent = network(1, Precision.FLOAT32);
        Network received = network(2, Precision.FLOAT32);
        byte[] packed = StepWeights.pack(sent);
        assertThat(packed).hasSize(66 * 4);
        StepWeights.unpack(packed, received);
        assertThat(sameWeights(sent, received)).isTrue();
    }

    @Test
    void weightsForAnotherShapeAreRefusedInOneLine() {
        byte[] packed = StepWeights.pack(network(1, Precision.FLOAT32));
        assertThatThrownBy(() -> StepWeights.unpack(packed, network(1, Precision.FLOAT64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Packed weights for a network of 66 float64 parameters take 528 bytes, got 264");
    }
}
