package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/** A loop with class weights reports the weighted loss for training and validation alike, and records them. */
class ClassWeightedTrainingTest {

    private static final ClassWeights WEIGHTS = ClassWeights.of(0.25, 4.0, 1.5);

    @Test
    void valLossAndTheEpochEndLossAreTheWeightedLoss() {
        Dataset train = data(120, 3);
        Dataset validation = data(50, 4);
        Network network = Network.builder(4).dense(8, Activations.TANH).dense(3, Activations.SOFTMAX)
                .build(Initializers.byName("xavier"), RandomSource.seeded(5));
        FitResult result = TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).batchSize(40).epochs(1)
                .lossAtEpochEnd(true).classWeights(WEIGHTS).build()
                .fit(network, train, validation, TrainingListener.NONE);

        Loss weighted = WEIGHTS.weighting(Task.MULTICLASS.loss());
        EpochRecord epoch = result.history().get(0);
        assertThat(epoch.get("val_loss")).isEqualTo(weighted.value(network.forward(validation.inputs()),
                validation.targets()));
        assertThat(epoch.get("loss")).isCloseTo(weighted.value(network.forward(train.inputs()), train.targets()),
                within(1e-15));
        assertThat(epoch.get("val_loss")).isNotEqualTo(Task.MULTICLASS.loss().value(
                network.forward(validation.inputs()), validation.targets()));
    }

    @Test
    void theTrainingRecordNamesTheWeights() {
        TrainingLoop loop = TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).classWeights(WEIGHTS).build();
        assertThat(loop.describe()).containsEntry("loss", "softmax_cross_entropy")
                .containsEntry("class_weight", "0.25,4,1.5");
        assertThat(TrainingLoop.builder(Task.MULTICLASS, new Adam(0.01)).build().describe())
                .doesNotContainKey("class_weight");
    }

    private static Dataset data(int rows, long seed) {
        RandomSource random = RandomSource.seeded(seed);
        Matrix x = Matrix.zeros(rows, 4);
        Matrix y = Matrix.zeros(rows, 3);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 4; c++) {
                x.set(r, c, random.nextGaussian());
            }
            Task.MULTICLASS.encodeClass(y, r, x.get(r, 0) > 0.8 ? 1 : x.get(r, 1) > 0 ? 0 : 2);
        }
        return new Dataset("random", x, y);
    }
}
