package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Dataset;
import org.nn4j.io.CheckpointFile;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Lbfgs;
import org.nn4j.optim.LineSearch;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;

/** L-BFGS in the one training loop: what it refuses, what it reports, and that its runs resume exactly. */
class FullBatchObjectiveTest {

    @TempDir
    Path folder;

    private static Dataset halfPlane(int rows) {
        RandomSource random = RandomSource.seeded(3);
        Matrix x = Matrix.zeros(rows, 2);
        Matrix y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x.set(r, 0, a);
            x.set(r, 1, b);
            // A noisy boundary, so that the loss has a finite minimum.
            y.set(r, 0, a + b + 0.5 * random.nextGaussian() > 0 ? 1 : 0);
        }
        return new Dataset("halfplane", x, y);
    }

    private static Network network(double dropout) {
        Network.Builder builder = Network.builder(2).dense(4, Activations.TANH);
        if (dropout > 0) {
            builder.dropout(dropout);
        }
        return builder.dense(1, Activations.SIGMOID).build(Initializers.XAVIER, RandomSource.seeded(5));
    }

    @Test
    void refusesMiniBatchesDropoutAndClipping() {
        Dataset data = halfPlane(40);
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Lbfgs(1)).batchSize(32).build()
                .fit(network(0), data, null, TrainingListener.NONE))
                .hasMessageContaining("takes full-batch steps: the batch size must cover all 40 training rows, got 32");
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Lbfgs(1)).batchSize(40).build()
                .fit(network(0.2), data, null, TrainingListener.NONE))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> TrainingLoop.builder(Task.BINARY, new Lbfgs(1)).batchSize(40).clipNorm(1).build()
                .fit(network(0), data, null, TrainingListener.NONE))
                .hasMessageContaining("leave out gradient clipping");
    }

    @Test
    void reportsTheLossAtTheEpochsEndAndOneBatchPerEpoch() {
        Dataset data = halfPlane(40);
        Network net = network(0);
        double startLoss = Measurement.of(net, data, Task.BINARY).loss();
        List<Integer> batches = new ArrayList<>();
        List<Double> batchLosses = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int of, double loss) {
                batches.add(of);
                batchLosses.add(loss);
            }
        };
        TrainingLoop loop = TrainingLoop.builder(Task.BINARY, new Lbfgs(1, 10, LineSearch.STRONG_WOLFE))
                .batchSize(40).epochs(3).build();
        FitResult result = loop.fit(net, data, null, listener);
        assertThat(batches).containsExactly(1, 1, 1);
        // The batch's loss is the one the step started from; the epoch's, the one it ended at, like val_loss.
        assertThat(batchLosses.get(0)).isCloseTo(startLoss, within(1e-15));
        assertThat(result.history().get(0).get("loss")).isCloseTo(batchLosses.get(1), within(1e-15));
        assertThat(result.history().get(2).get("loss")).isEqualTo(Measurement.of(net, data, Task.BINARY).loss())
                .isLessThan(0.7 * startLoss);
        assertThat(loop.describe()).containsEntry("batch_size", "40 (full batch)")
                .containsEntry("optimizer", "lbfgs(lr=1.0, max_iter=20, history_size=10, line_search=strong_wolfe)");
    }

    @Test
    void aRunResumedFromItsCheckpointFileEndsWithTheSameWeights() throws Exception {
        Dataset data = halfPlane(40);
        Network whole = network(0);
        TrainingLoop.builder(Task.BINARY, new Lbfgs(1, 3, LineSearch.NONE)).batchSize(40).epochs(6)
                .l2(0.01).build().fit(whole, data, null, TrainingListener.NONE);

        Path file = folder.resolve("run.ckpt");
        Network first = network(0);
        TrainingLoop.builder(Task.BINARY, new Lbfgs(1, 3, LineSearch.NONE)).batchSize(40).epochs(6).l2(0.01)
                .checkpoints(3, checkpoint -> {
                    try {
                        if (!Files.exists(file)) {
                            CheckpointFile.write(new CheckpointFile.Saved(checkpoint, Map.of(), null, List.of()),
                                    file);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).build().fit(first, data, null, TrainingListener.NONE);

        Network resumed = network(0);
        TrainingLoop.builder(Task.BINARY, new Lbfgs(1, 3, LineSearch.NONE)).batchSize(40).epochs(6).l2(0.01)
                .build().resume(resumed, data, null, TrainingListener.NONE, CheckpointFile.read(file).checkpoint());
        for (int p = 0; p < whole.parameters().size(); p++) {
            assertThat(resumed.parameters().get(p).value().sameBits(whole.parameters().get(p).value()))
                    .as(whole.parameters().get(p).name()).isTrue();
        }
    }
}
