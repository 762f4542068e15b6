package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.tensor.Matrix;
import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Precision;

/** The tutorial's way of training, full batch without shuffling, is the one loop with those settings. */
class FullBatchTrainingTest {

    private static TrainingLoopBuilder fullBatch(double learningRate, int epochs) {
        return TrainingLoop.builder(Task.REGRESSION, new Sgd(learningRate)).batchSize(1).shuffle(false)
                .epochs(epochs).lossAtEpochEnd(true);
    }

    @Test
    void oneStepOfGradientDescentMatchesAHandComputation() {
        // y = w·x + b, MSE on one sample (x = 2, t = 3) from w = 0.5, b = 0: ∂L/∂w = 2(1 − 3)·2 = −8,
        // ∂L/∂b = −4; lr 0.1 gives w = 1.3, b = 0.4.
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.parameters().get(0).value().set(0, 0.5);
        FitResult result = fullBatch(0.1, 1).build()
                .fit(net, new Dataset("one", Matrix.of(1, 1, 2.0), Matrix.of(1, 1, 3.0)), null, TrainingListener.NONE);
        assertThat(net.parameters().get(0).value().get(0)).isEqualTo(1.3);
        assertThat(net.parameters().get(1).value().get(0)).isEqualTo(0.4);
        // Measured after the step: 2·1.3 + 0.4 = 3.0000000000000004, so the loss is about 0.
        assertThat(result.last().get("loss")).isLessThan(1e-20);
    }

    @Test
    void stopsADivergingRunAndKeepsTheLastFiniteWeights() {
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.parameters().get(0).value().set(0, 1.0);
        FitResult result = fullBatch(1e6, 1000).build()
                .fit(net, new Dataset("far", Matrix.of(1, 1, 10.0), Matrix.of(1, 1, 0.0)), null, TrainingListener.NONE);
        assertThat(result.stopReason()).isEqualTo(FitResult.DIVERGED);
        assertThat(result.epochs()).isLessThan(1000);
        assertThat(net.parameters().get(0).value().isFinite()).isTrue();
        assertThat(net.parameters().get(1).value().isFinite()).isTrue();
        assertThat(result.history()).allSatisfy(r -> assertThat(r.get("loss")).isFinite());
    }

    @Test
    void aDivergedRunEndsWithTheWeightsItsLastEpochStartedFromMeasuredOrNot() {
        // Unmeasured one-batch epochs keep no copy of their start weights: they stop, if at all, before their step.
        Dataset far = new Dataset("far", Matrix.of(2, 1, 10.0, -3.0), Matrix.of(2, 1, 0.0, 1.0));
        for (int every : new int[] {1, 7}) {
            Network net = Network.builder(1).precision(Precision.FLOAT64)
                    .dense(1, Activations.IDENTITY).buildWithZeroWeights();
            net.parameters().get(0).value().set(0, 1.0);
            List<Network> starts = new ArrayList<>();
            TrainingListener startsOfEpochs = new TrainingListener() {
                @Override
                public void onEpochStart(int epoch, int batches) {
                    starts.add(net.copy());
                }
            };
            FitResult result = fullBatch(1e3, 1000).batchSize(2).measureEvery(every).build()
                    .fit(net, far, null, startsOfEpochs);

            assertThat(result.stopReason()).as("every %d", every).isEqualTo(FitResult.DIVERGED);
            Network lastStart = starts.get(starts.size() - 1);
            assertThat(starts).as("every %d", every).hasSize(result.epochs() + 1);
            for (int i = 0; i < net.parameters().size(); i++) {
                assertThat(net.parameters().get(i).value().sameBits(lastStart.parameters().get(i).value()))
                        .as("every %d, parameter %d", every, i).isTrue();
            }
        }
    }

    @Test
    void measuringEveryFewEpochsRecordsThoseEpochsAndTheLast() {
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        FitResult result = fullBatch(0.01, 25).measureEvery(10).build()
                .fit(net, new Dataset("one", Matrix.of(1, 1, 2.0), Matrix.of(1, 1, 3.0)), null, TrainingListener.NONE);
        assertThat(result.history()).extracting(EpochRecord::epoch).containsExactly(10, 20, 25);
        assertThat(result.epochs()).isEqualTo(25);
    }
}
