package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.NumericalGradient;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.optim.StepDecay;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

class TrainingLoopTest {

    private static Dataset regressionData(int rows, long seed) {
        RandomSource random = RandomSource.seeded(seed);
        Matrix x = Matrix.zeros(rows, 2);
        Matrix y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x.set(r, 0, a);
            x.set(r, 1, b);
            y.set(r, 0, 0.5 * a - b + 0.1 * random.nextGaussian());
        }
        return new Dataset("linear", x, y);
    }

    private static Dataset binaryData(int rows, long seed, boolean flipped) {
        RandomSource random = RandomSource.seeded(seed);
        Matrix x = Matrix.zeros(rows, 2);
        Matrix y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x.set(r, 0, a);
            x.set(r, 1, b);
            y.set(r, 0, (a + b > 0) != flipped ? 1 : 0);
        }
        return new Dataset("halfplane", x, y);
    }

    private static Network smallNetwork(Task task) {
        return Network.builder(2).precision(Precision.FLOAT64)
                .dense(3, Activations.TANH).dense(1, task.outputActivation())
                .build(Initializers.XAVIER, RandomSource.seeded(9));
    }

    @Test
    void shufflingOneBatchOfEverythingOnlyReordersTheSums() {
        Dataset data = regressionData(12, 1);
        Network mini = smallNetwork(Task.REGRESSION);
        Network full = mini.copy();
        TrainingLoop.builder(Task.REGRESSION, new Sgd(0.1)).batchSize(12).epochs(5).build()
                .fit(mini, data, null, TrainingListener.NONE);
        TrainingLoop.builder(Task.REGRESSION, new Sgd(0.1)).batchSize(12).epochs(5).shuffle(false).build()
                .fit(full, data, null, TrainingListener.NONE);
        // Shuffling only reorders the sums over rows, so the two agree to rounding.
        for (int i = 0; i < mini.parameters().size(); i++) {
            assertThat(mini.parameters().get(i).value().toArray())
                    .containsExactly(full.parameters().get(i).value().toArray(), within(1e-13));
        }
    }

    @Test
    void theL2PenaltyShrinksWeightsButNotBiases() {
        // A linear unit that already fits (2·1 + 0 = 2): the data gradient is 0, only the penalty's λ·W is left.
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.layers().get(0).weight().value().set(0, 2.0);
        net.layers().get(0).bias().value().set(0, 0.0);
        Dataset data = new Dataset("fit", Matrix.of(1, 1, 1.0), Matrix.of(1, 1, 2.0));
        TrainingLoop.builder(Task.REGRESSION, new Sgd(0.1)).l2(0.5).epochs(1).batchSize(1).build()
                .fit(net, data, null, TrainingListener.NONE);
        // W ← 2 − 0.1·0.5·2 = 1.9; b unchanged.
        assertThat(net.layers().get(0).weight().value().get(0)).isCloseTo(1.9, within(1e-15));
        assertThat(net.layers().get(0).bias().value().get(0)).isZero();
    }

    @Test
    void clippingCapsTheLengthOfEachStep() {
        Network net = Network.builder(1).precision(Precision.FLOAT64)
                .dense(1, Activations.IDENTITY).buildWithZeroWeights();
        Dataset data = new Dataset("far", Matrix.of(1, 1, 1.0), Matrix.of(1, 1, 1000.0));
        TrainingLoop.builder(Task.REGRESSION, new Sgd(1.0)).clipNorm(0.01).epochs(1).batchSize(1).build()
                .fit(net, data, null, TrainingListener.NONE);
        double w = net.layers().get(0).weight().value().get(0);
        double b = net.layers().get(0).bias().value().get(0);
        // Gradient (−2000, −2000) clipped to length 0.01: both move by 0.01/√2.
        assertThat(Math.hypot(w, b)).isCloseTo(0.01, within(1e-8));
        assertThat(w).isCloseTo(0.01 / Math.sqrt(2), within(1e-8));
    }

    @Test
    void listenersHearEveryBatchAndEveryEpoch() {
        List<String> heard = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, int batches) {
                heard.add("start " + epoch + "/" + batches);
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                heard.add("batch " + batch);
            }

            @Override
            public void onEpoch(EpochRecord record) {
                heard.add("epoch " + record.epoch() + " " + record.metrics().keySet());
            }
        };
        TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(4).epochs(2).build()
                .fit(smallNetwork(Task.BINARY), binaryData(10, 1, false), binaryData(6, 2, false), listener);
        assertThat(heard).containsExactly(
                "start 1/3", "batch 1", "batch 2", "batch 3", "epoch 1 [loss, accuracy, val_loss, val_accuracy]",
                "start 2/3", "batch 1", "batch 2", "batch 3", "epoch 2 [loss, accuracy, val_loss, val_accuracy]");
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        Dataset data = binaryData(50, 3, false);
        Network first = smallNetwork(Task.BINARY);
        Network second = smallNetwork(Task.BINARY);
        Network third = smallNetwork(Task.BINARY);
        TrainingLoopBuilder builder = TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(8).epochs(3);
        builder.seed(4).build().fit(first, data, null, TrainingListener.NONE);
        TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(8).epochs(3).seed(4).build()
                .fit(second, data, null, TrainingListener.NONE);
        TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(8).epochs(3).seed(5).build()
                .fit(third, data, null, TrainingListener.NONE);
        assertThat(first.parameters().get(0).value().sameBits(second.parameters().get(0).value())).isTrue();
        assertThat(first.parameters().get(0).value().sameBits(third.parameters().get(0).value())).isFalse();
    }

    @Test
    void earlyStoppingEndsAfterThePatienceAndRestoresTheBestEpoch() {
        // Validation labels are the opposite of training's, so the better training gets, the worse validation.
        Dataset train = binaryData(40, 1, false);
        Dataset validation = binaryData(40, 1, true);
        Network net = smallNetwork(Task.BINARY);
        Network afterOneEpoch = net.copy();
        TrainingLoop.builder(Task.BINARY, new Sgd(0.5)).batchSize(10).epochs(1).build()
                .fit(afterOneEpoch, train, validation, TrainingListener.NONE);

        FitResult result = TrainingLoop.builder(Task.BINARY, new Sgd(0.5)).batchSize(10).epochs(50)
                .earlyStopping(EarlyStopping.on("val_loss", 3)).build()
                .fit(net, train, validation, TrainingListener.NONE);

        assertThat(result.stopReason()).isEqualTo(FitResult.EARLY_STOPPING);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(result.epochs()).isEqualTo(4);
        assertThat(result.series("val_loss")).isSortedAccordingTo(Double::compare);
        for (int i = 0; i < net.parameters().size(); i++) {
            assertThat(net.parameters().get(i).value().sameBits(afterOneEpoch.parameters().get(i).value())).isTrue();
        }
    }

    @Test
    void accuracyIsMonitoredUpwards() {
        assertThat(EarlyStopping.on("val_accuracy", 2).improves(0.9, 0.8)).isTrue();
        assertThat(EarlyStopping.on("val_loss", 2).improves(0.9, 0.8)).isFalse();
        assertThat(new EarlyStopping("val_loss", 2, 0.1, true).improves(0.75, 0.8)).isFalse();
    }

    @Test
    void aDivergingRunStopsWithTheLastFiniteWeights() {
        Network net = Network.builder(2).dense(1, Activations.IDENTITY).build(Initializers.XAVIER,
                RandomSource.seeded(2));
        FitResult result = TrainingLoop.builder(Task.REGRESSION, new Sgd(0.9)).batchSize(4).epochs(500).build()
                .fit(net, scaled(regressionData(16, 4), 1e3), null, TrainingListener.NONE);
        assertThat(result.stopReason()).isEqualTo(FitResult.DIVERGED);
        assertThat(result.epochs()).isLessThan(500);
        for (var p : net.parameters()) {
            assertThat(p.value().isFinite()).isTrue();
        }
    }

    @Test
    void theScheduleSetsEachEpochsLearningRate() {
        FitResult result = TrainingLoop.builder(Task.REGRESSION, new Sgd(0.1)).epochs(5)
                .schedule(new StepDecay(2, 0.5)).build()
                .fit(smallNetwork(Task.REGRESSION), regressionData(8, 1), null, TrainingListener.NONE);
        assertThat(result.toSeries().get("lr")).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void mistakesAreNamedBeforeTrainingStarts() {
        Network net = smallNetwork(Task.BINARY);
        Dataset data = binaryData(8, 1, false);
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Sgd(0.1))
                .earlyStopping(EarlyStopping.on("val_accuracy", 3)).build().fit(net, data, null, TrainingListener.NONE))
                .hasMessage("Early stopping cannot watch 'val_accuracy': this run measures loss, accuracy");
        Network dropout = Network.builder(2).dense(3, Activations.TANH).dropout(0.5).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(1));
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Sgd(0.1))
                .engine(NumericalGradient.centralDifference(1e-5)).build().fit(dropout, data, null,
                        TrainingListener.NONE))
                .hasMessageContaining("use backprop with dropout");
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).build()
                .fit(net, regressionData(4, 1), new Dataset("v", Matrix.zeros(2, 3), Matrix.zeros(2, 1)),
                        TrainingListener.NONE))
                .hasMessage("The network 2-3-1 needs 2 inputs and 1 targets per sample, but the validation set has 3"
                        + " and 1");
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(0))
                .hasMessage("The batch size must be at least 1, got 0");
    }

    private static Dataset scaled(Dataset data, double factor) {
        Matrix x = data.inputs().copy();
        for (int i = 0; i < x.size(); i++) {
            x.set(i, x.get(i) * factor);
        }
        return new Dataset(data.name(), x, data.targets());
    }
}
