package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientCheck;
import org.nn4j.io.Json;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Class-weighted losses against PyTorch's {@code CrossEntropyLoss(weight=w)} and {@code BCELoss(weight=w[y])} in
 * float64 ({@code weighted_loss_torch.py}), and balanced weights against scikit-learn's
 * {@code compute_class_weight("balanced")}.
 */
class ClassWeightedLossTest {

    private static final Map<String, Object> REFERENCE = load();

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "binary"})
    void lossAndGradientsMatchPyTorchsWeightedLoss(String name) {
        Map<String, Object> c = section(name);
        int outputs = name.equals("softmax") ? 3 : 1;
        Network network = Network.builder(3).precision(Precision.FLOAT64).dense(4, Activations.TANH)
                .dense(outputs, outputs == 1 ? Activations.SIGMOID : Activations.SOFTMAX).buildWithZeroWeights();
        List<?> initial = (List<?>) c.get("initial");
        for (int i = 0; i < 4; i++) {
            network.parameters().get(i).value().copyFrom(matrix(initial.get(i)));
        }
        Loss loss = ClassWeights.of(numbers(c.get("class_weights"))).weighting(
                outputs == 1 ? Losses.BINARY_CROSS_ENTROPY : Losses.SOFTMAX_CROSS_ENTROPY);

        double value = new Backpropagation().computeGradients(network, matrix(REFERENCE.get("x")),
                matrix(c.get("y")), loss);

        assertThat(value).isCloseTo(((Number) c.get("loss")).doubleValue(), within(1e-12));
        List<?> gradients = (List<?>) c.get("gradients");
        for (int i = 0; i < 4; i++) {
            assertThat(network.parameters().get(i).gradient().toArray()).as(network.parameters().get(i).name())
                    .containsExactly(matrix(gradients.get(i)).toArray(), within(1e-12));
        }
    }

    @Test
    void balancedWeightsAreScikitLearns() {
        for (Object one : (List<?>) REFERENCE.get("balanced")) {
            Map<?, ?> example = (Map<?, ?>) one;
            double[] labels = numbers(example.get("labels"));
            int classes = (int) java.util.Arrays.stream(labels).max().orElseThrow() + 1;
            int[] counts = new int[classes];
            for (double label : labels) {
                counts[(int) label]++;
            }
            List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(String::valueOf).toList();
            assertThat(ClassWeights.balanced(counts, names).toArray())
                    .containsExactly(numbers(example.get("weights")), within(1e-15));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "binary"})
    void gradientWithoutTheFusedActivationAgreesWithNumericalEstimates(String name) {
        // The fused gradient is what training uses; the plain one serves other output activations.
        boolean softmax = name.equals("softmax");
        Network network = Network.builder(3).precision(Precision.FLOAT64).dense(4, Activations.TANH)
                .dense(softmax ? 3 : 1, softmax ? Activations.SOFTMAX : Activations.SIGMOID)
                .build(Initializers.byName("xavier"), RandomSource.seeded(3));
        Loss loss = (softmax ? ClassWeights.of(0.5, 2.0, 1.25) : ClassWeights.of(0.6, 3.0))
                .weighting(softmax ? Losses.SOFTMAX_CROSS_ENTROPY : Losses.BINARY_CROSS_ENTROPY);
        Matrix x = matrix(REFERENCE.get("x"));
        Matrix y = matrix(section(name).get("y"));
        Matrix p = network.forward(x);
        Matrix fused = Matrix.zeros(p.rows(), p.cols());
        assertThat(loss.gradientBeforeActivation(network.layers().get(1).activation(), p, y, fused)).isTrue();
        Matrix plain = Matrix.zeros(p.rows(), p.cols());
        loss.gradient(p, y, plain);
        double h = 1e-6;
        for (int i = 0; i < p.size(); i++) {
            Matrix up = p.copy();
            up.set(i, p.get(i) + h);
            Matrix down = p.copy();
            down.set(i, p.get(i) - h);
            double estimate = (loss.value(up, y) - loss.value(down, y)) / (2 * h);
            assertThat(plain.get(i)).as("∂L/∂p[%d]", i).isCloseTo(estimate, within(1e-7));
        }
        assertThat(GradientCheck.backpropagationAgainstCentralDifferences().run(network, x, y, loss).passed()).isTrue();
    }

    @Test
    void unitWeightsGiveTheUnweightedLoss() {
        Matrix p = Matrix.of(3, 3, 0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.25, 0.5, 0.25);
        Matrix y = Matrix.of(3, 3, 1, 0, 0, 0, 0, 1, 0, 1, 0);
        assertThat(ClassWeights.of(1, 1, 1).weighting(Losses.SOFTMAX_CROSS_ENTROPY).value(p, y))
                .isCloseTo(Losses.SOFTMAX_CROSS_ENTROPY.value(p, y), within(1e-15));
    }

    @Test
    void refusesWeightsForARegressionLossOrTheWrongClassCount() {
        assertThatThrownBy(() -> ClassWeights.of(1, 2).weighting(Losses.MEAN_SQUARED_ERROR))
                .hasMessageContaining("not to mse");
        assertThatThrownBy(() -> ClassWeights.of(1, 2, 3).weighting(Losses.BINARY_CROSS_ENTROPY))
                .hasMessageContaining("2 classes, got 3");
        assertThatThrownBy(() -> ClassWeights.of(1, -2)).hasMessageContaining("positive number, got -2");
        assertThatThrownBy(() -> ClassWeights.balanced(new int[] {5, 0}, List.of("no", "yes")))
                .hasMessageContaining("class 'yes' has none");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) REFERENCE.get(name);
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static Matrix matrix(Object rows) {
        List<?> list = (List<?>) rows;
        double[][] values = new double[list.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = numbers(list.get(r));
        }
        return Matrix.of(values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = ClassWeightedLossTest.class.getResourceAsStream("weighted-loss-torch.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
