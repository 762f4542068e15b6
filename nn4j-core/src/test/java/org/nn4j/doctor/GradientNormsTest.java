package org.nn4j.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nn4j.data.LogicGates;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.train.TrainingLoop;

class GradientNormsTest {

    @Test
    void theLatestNormsAreTheLastEpochOfTheHistoryWithoutCopyingIt() {
        GradientNorms norms = new GradientNorms();
        assertThat(norms.latest()).isEmpty();
        Network network = Network.builder(2).dense(4, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(1));
        TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(2).epochs(3).seed(1).build()
                .fit(network, LogicGates.xor(), null, norms);
        assertThat(norms.perEpoch()).hasSize(3);
        assertThat(norms.latest()).hasSize(2).containsExactly(norms.perEpoch().get(2));
    }
}
