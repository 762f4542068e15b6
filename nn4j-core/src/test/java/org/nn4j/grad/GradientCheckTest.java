package org.nn4j.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Backpropagation agrees with central differences (relative error below 1e-6, float64) on random networks of 1 to
 * 4 layers, over every hidden activation and every loss, for several seeds.
 */
class GradientCheckTest {

    private static final List<Activation> HIDDEN = List.of(Activations.RELU, new LeakyRelu(0.1), Activations.SIGMOID,
            Activations.TANH, Activations.IDENTITY, Activations.SOFTMAX);

    static Stream<Arguments> randomNetworks() {
        List<Arguments> cases = new ArrayList<>();
        for (Loss loss : Losses.ALL) {
            for (long seed = 1; seed <= 8; seed++) {
                cases.add(Arguments.of(loss.name(), seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("randomNetworks")
    void backpropagationMatchesCentralDifferences(String lossName, long seed) {
        Loss loss = Losses.byName(lossName);
        RandomSource random = RandomSource.seeded(seed);
        int layers = 1 + (int) (random.nextDouble() * 4);
        int inputs = 1 + (int) (random.nextDouble() * 4);
        Network.Builder builder = Network.builder(inputs).precision(Precision.FLOAT64);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < layers - 1; i++) {
            Activation hidden = HIDDEN.get((int) ((seed + i) % HIDDEN.size()));
            used.add(hidden.name());
            builder.dense(2 + (int) (random.nextDouble() * 4), hidden);
        }
        int outputs;
        Activation output;
        if (loss == Losses.BINARY_CROSS_ENTROPY) {
            outputs = 1 + (int) (random.nextDouble() * 2);
            output = Activations.SIGMOID;
        } else if (loss == Losses.SOFTMAX_CROSS_ENTROPY) {
            outputs = 2 + (int) (random.nextDouble() * 3);
            output = Activations.SOFTMAX;
        } else {
            outputs = 1 + (int) (random.nextDouble() * 3);
            output = HIDDEN.get((int) (seed % HIDDEN.size()));
        }
        Network network = builder.dense(outputs, output).build(Initializers.XAVIER, random);
        for (Parameter p : network.parameters()) {
            // Non-zero biases, so that no ReLU input sits exactly on the kink.
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, p.value().get(i) + 0.1 * random.nextGaussian());
            }
        }
        int samples = 5;
        Matrix x = Matrix.zeros(samples, inputs);
        Matrix y = Matrix.zeros(samples, outputs);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, random.nextGaussian());
        }
        for (int r = 0; r < samples; r++) {
            if (loss == Losses.SOFTMAX_CROSS_ENTROPY) {
                y.set(r, (int) (random.nextDouble() * outputs), 1.0);
            } else {
                for (int c = 0; c < outputs; c++) {
                    y.set(r, c, loss == Losses.BINARY_CROSS_ENTROPY ? (random.nextDouble() < 0.5 ? 0 : 1)
                            : random.nextGaussian());
                }
            }
        }

        GradientCheckReport report = GradientCheck.backpropagationAgainstCentralDifferences()
                .run(network, x, y, loss);

        assertThat(report.tensors()).hasSize(2 * layers);
        assertThat(report.passed()).as("%s%nnetwork %s, hidden %s", report.format(), network.describe(), used)
                .isTrue();
        assertThat(report.maxRelativeError()).isLessThan(1e-6);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("randomNetworks")
    void aWrongGradientFailsTheCheck(String lossName, long seed) {
        // The check must be able to fail: an engine that halves the true gradient is caught.
        GradientEngine halved = new GradientEngine() {
            private final Backpropagation exact = new Backpropagation();

            @Override
            public String name() {
                return "halved backprop";
            }

            @Override
            public double computeGradients(Network network, Matrix inputs, Matrix targets, Loss loss) {
                double value = exact.computeGradients(network, inputs, targets, loss);
                for (Parameter p : network.parameters()) {
                    for (int i = 0; i < p.gradient().size(); i++) {
                        p.gradient().set(i, p.gradient().get(i) / 2);
                    }
                }
                return value;
            }
        };
        Loss loss = Losses.byName(lossName);
        Activation output = loss == Losses.SOFTMAX_CROSS_ENTROPY ? Activations.SOFTMAX : Activations.SIGMOID;
        Network network = Network.builder(3).precision(Precision.FLOAT64).dense(4, Activations.TANH).dense(2, output)
                .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(seed));
        Matrix x = Matrix.of(new double[][] {{1, -2, 0.5}, {0.3, 0.1, -1}});
        Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        GradientCheckReport report = new GradientCheck(halved, NumericalGradient.centralDifference(1e-5), 1e-6, 1e-3)
                .run(network, x, y, loss);
        assertThat(report.passed()).isFalse();
        assertThat(report.format()).contains("FAIL");
    }
}
