package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.data.Dataset;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.AdamW;
import org.nn4j.optim.RmsProp;
import org.nn4j.optim.Sgd;
import org.nn4j.optim.StepDecay;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The whole training step — forward, fused softmax cross-entropy, backward, L2 penalty, clipping, optimizer and
 * schedule — against ten steps PyTorch took from the same weights ({@code pytorch_training.py}).
 */
class PyTorchTrainingTest {

    private static final Map<String, Object> REFERENCE = load();

    @ParameterizedTest
    @ValueSource(strings = {"adam_clip", "momentum_l2", "rmsprop", "adamw_step_schedule"})
    void tenFullBatchStepsMatchPyTorch(String name) {
        Network network = Network.builder(3).precision(Precision.FLOAT64)
                .dense(4, Activations.TANH).dense(3, Activations.SOFTMAX)
                .buildWithZeroWeights();
        List<?> initial = (List<?>) REFERENCE.get("initial");
        for (int i = 0; i < 4; i++) {
            network.parameters().get(i).value().copyFrom(matrix(initial.get(i)));
        }
        Dataset data = new Dataset("reference", matrix(REFERENCE.get("x")), matrix(REFERENCE.get("y")));
        TrainingLoopBuilder builder = switch (name) {
            case "adam_clip" -> TrainingLoop.builder(Task.MULTICLASS, new Adam(0.05)).clipNorm(0.5);
            case "momentum_l2" -> TrainingLoop.builder(Task.MULTICLASS, Sgd.withMomentum(0.2, 0.9)).l2(0.01);
            case "rmsprop" -> TrainingLoop.builder(Task.MULTICLASS, new RmsProp(0.01));
            default -> TrainingLoop.builder(Task.MULTICLASS, new AdamW(0.05, 0.9, 0.999, 1e-8, 0.1))
                    .schedule(new StepDecay(3, 0.5));
        };
        FitResult result = builder.batchSize(8).epochs(10).build().fit(network, data, null, TrainingListener.NONE);

        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) ((Map<String, Object>) REFERENCE.get("runs")).get(name);
        List<?> losses = (List<?>) run.get("losses");
        for (int epoch = 0; epoch < 10; epoch++) {
            assertThat(result.history().get(epoch).get("loss")).as("loss of epoch %d", epoch + 1)
                    .isCloseTo(((Number) losses.get(epoch)).doubleValue(), within(1e-13));
        }
        List<?> finals = (List<?>) run.get("final");
        for (int i = 0; i < 4; i++) {
            assertThat(network.parameters().get(i).value().toArray()).as(network.parameters().get(i).name())
                    .containsExactly(matrix(finals.get(i)).toArray(), within(1e-12));
        }
    }

    private static Matrix matrix(Object rows) {
        List<?> list = (List<?>) rows;
        double[][] values = new double[list.size()][];
        for (int r = 0; r < values.length; r++) {
            List<?> row = (List<?>) list.get(r);
            values[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                values[r][c] = ((Number) row.get(c)).doubleValue();
            }
        }
        return Matrix.of(values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = PyTorchTrainingTest.class.getResourceAsStream("pytorch-training.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
