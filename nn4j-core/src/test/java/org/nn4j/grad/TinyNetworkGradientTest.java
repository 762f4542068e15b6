package org.nn4j.grad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * The scalar path gives {@link NumericalGradient}'s bits (loss and every gradient element) on every network it takes,
 * and leaves every other network to it. The matrix path is the independent source: it shares no code with the
 * scalar one.
 */
class TinyNetworkGradientTest {

    private static final Loss BCE = Losses.BINARY_CROSS_ENTROPY;

    /** A 2-layer ReLU→sigmoid network with weights from N(0, scale²): large scales kill units, as in the tutorial. */
    private static Network randomNetwork(SplittableRandom random, int inputs, int hidden, double scale) {
        Network network = Network.builder(inputs).precision(Precision.FLOAT64).dense(hidden, Activations.RELU).dense(1, Activations.SIGMOID)
                .buildWithZeroWeights();
        for (var p : network.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, scale * random.nextGaussian());
            }
        }
        return network;
    }

    /** Inputs of 0, 1 and Gaussian values (zeros leave rows unchanged by a nudge); targets 0, 1 and in between. */
    private static Matrix[] randomBatch(SplittableRandom random, int rows, int inputs) {
        Matrix x = Matrix.zeros(rows, inputs);
        Matrix y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < inputs; c++) {
                int kind = random.nextInt(3);
                x.set(r, c, kind == 0 ? 0.0 : kind == 1 ? 1.0 : random.nextGaussian());
            }
            int kind = random.nextInt(3);
            y.set(r, 0, kind == 0 ? 0.0 : kind == 1 ? 1.0 : random.nextDouble());
        }
        return new Matrix[] {x, y};
    }

    /** Asserts that both engines give the same loss and gradients, bit for bit, on copies of {@code network}. */
    private static void assertSameBits(NumericalGradient general, Network network, Matrix x, Matrix y, String what) {
        assertSameBits(general, new TinyNetworkGradient(general), network, x, y, what);
    }

    /** As above, through {@code tiny}, which may have served other networks and batches before. */
    private static void assertSameBits(NumericalGradient general, TinyNetworkGradient tiny, Network network, Matrix x,
            Matrix y, String what) {
        Network viaMatrices = network.copy();
        Network viaScalars = network.copy();
        double expected = general.computeGradients(viaMatrices, x, y, BCE);
        double actual = tiny.computeGradients(viaScalars, x, y, BCE);
        assertThat(Double.doubleToRawLongBits(actual)).as("loss of %s", what)
                .isEqualTo(Double.doubleToRawLongBits(expected));
        for (int p = 0; p < viaMatrices.parameters().size(); p++) {
            Matrix want = viaMatrices.parameters().get(p).gradient();
            Matrix got = viaScalars.parameters().get(p).gradient();
            assertThat(got.sameBits(want)).as("gradient of %s in %s: %s against %s",
                    viaMatrices.parameters().get(p).name(), what, got, want).isTrue();
        }
        Matrix outputs = network.copy().forward(x);
        assertThat(tiny.lastOutputs().sameBits(outputs)).as("outputs of %s", what).isTrue();
    }

    @Test
    void givesTheMatrixPathsBitsOnRandomNetworksAndBatches() {
        SplittableRandom random = new SplittableRandom(18);
        for (int trial = 0; trial < 400; trial++) {
            int inputs = 1 + random.nextInt(5);
            int hidden = 1 + random.nextInt(8);
            int rows = 1 + random.nextInt(9);
            double scale = trial % 4 == 0 ? 10.0 : 1.0;
            Network network = randomNetwork(random, inputs, hidden, scale);
            Matrix[] batch = randomBatch(random, rows, inputs);
            double epsilon = trial % 3 == 0 ? 1e-5 : trial % 3 == 1 ? 1e-4 : 1e-2;
            String what = "trial " + trial + " (" + network.sizes() + ", " + rows + " rows)";
            assertSameBits(NumericalGradient.forwardDifference(epsilon), network, batch[0], batch[1], what);
            assertSameBits(NumericalGradient.centralDifference(epsilon), network, batch[0], batch[1], what);
        }
    }

    @Test
    void givesTheMatrixPathsBitsOnTheTutorialsNetworkForEverySeed() {
        Dataset xor = LogicGates.xor();
        for (long seed = 0; seed < 50; seed++) {
            Network network = Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU).dense(1, Activations.SIGMOID)
                    .build(Initializers.STANDARD_NORMAL, RandomSource.numpyLegacy(seed));
            assertSameBits(NumericalGradient.forwardDifference(1e-5), network, xor.inputs(), xor.targets(),
                    "seed " + seed);
        }
    }

    @Test
    void givesTheMatrixPathsBitsOnTheTutorialsShapeWithDeadUnitsZeroInputsAndOverflow() {
        // Forward differences on a 2-2-1 network take their own straight-line path; one instance serves batches of
        // every size, growing and shrinking, and another shape now and then.
        SplittableRandom random = new SplittableRandom(221);
        for (double epsilon : new double[] {1e-5, 1e-2}) {
            NumericalGradient general = NumericalGradient.forwardDifference(epsilon);
            TinyNetworkGradient shared = new TinyNetworkGradient(general);
            for (int trial = 0; trial < 500; trial++) {
                int hidden = trial % 7 == 6 ? 3 : 2;
                int rows = 1 + random.nextInt(12);
                double scale = switch (trial % 4) {
                    case 0 -> 10.0;
                    case 1 -> 1.0;
                    case 2 -> 1e-6;
                    default -> 1e300;
                };
                Network network = randomNetwork(random, 2, hidden, scale);
                Matrix[] batch = randomBatch(random, rows, 2);
                String what = "trial " + trial + " (" + network.sizes() + ", " + rows + " rows, scale " + scale
                        + ", epsilon " + epsilon + ")";
                assertSameBits(general, shared, network, batch[0], batch[1], what);
            }
        }
    }

    @Test
    void measuresTheForwardPassesLossAndOutputsBitForBit() {
        SplittableRandom random = new SplittableRandom(7);
        TinyNetworkGradient tiny = new TinyNetworkGradient(NumericalGradient.forwardDifference(1e-5));
        for (int trial = 0; trial < 200; trial++) {
            int inputs = 1 + random.nextInt(4);
            Network network = randomNetwork(random, inputs, 1 + random.nextInt(5), trial % 2 == 0 ? 10.0 : 1.0);
            Matrix[] batch = randomBatch(random, 1 + random.nextInt(9), inputs);
            Matrix outputs = network.copy().forward(batch[0]);
            double expected = BCE.value(outputs, batch[1]);
            assertThat(tiny.computesByScalars(network, BCE, batch[0].rows())).isTrue();
            double actual = tiny.lossAt(network, batch[0], batch[1], BCE);
            assertThat(Double.doubleToRawLongBits(actual)).as("loss in trial %d", trial)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(tiny.lastOutputs().sameBits(outputs)).as("outputs in trial %d", trial).isTrue();
        }
    }

    @Test
    void refusesToMeasureANetworkItLeavesToTheGeneralEngine() {
        Network network = Network.builder(2).precision(Precision.FLOAT64).dense(3, Activations.TANH)
                .dense(1, Activations.SIGMOID).build(Initializers.STANDARD_NORMAL, RandomSource.seeded(2));
        Dataset xor = LogicGates.xor();
        TinyNetworkGradient tiny = new TinyNetworkGradient(NumericalGradient.forwardDifference(1e-5));
        assertThat(tiny.computesByScalars(network, BCE, xor.size())).isFalse();
        assertThatThrownBy(() -> tiny.lossAt(network, xor.inputs(), xor.targets(), BCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by scalars");
    }

    @Test
    void leavesTheWeightsAsTheyWere() {
        Network network = randomNetwork(new SplittableRandom(5), 2, 3, 1.0);
        Network before = network.copy();
        Dataset xor = LogicGates.xor();
        new TinyNetworkGradient(NumericalGradient.centralDifference(1e-3)).computeGradients(network, xor.inputs(),
                xor.targets(), BCE);
        for (int i = 0; i < network.parameters().size(); i++) {
            assertThat(network.parameters().get(i).value().sameBits(before.parameters().get(i).value())).isTrue();
        }
    }

    @Test
    void takesOnlyOneReluLayerBeforeOneSigmoidUnitInFloat64UnderBinaryCrossEntropy() {
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU)
                .dense(1, Activations.SIGMOID).buildWithZeroWeights(), BCE)).isTrue();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.TANH)
                .dense(1, Activations.SIGMOID).buildWithZeroWeights(), BCE)).as("tanh hidden").isFalse();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU)
                .dense(2, Activations.RELU).dense(1, Activations.SIGMOID).buildWithZeroWeights(), BCE))
                .as("two hidden layers").isFalse();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU)
                .dense(2, Activations.SIGMOID).buildWithZeroWeights(), BCE)).as("two outputs").isFalse();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU)
                .dense(1, Activations.SIGMOID).precision(Precision.FLOAT32).buildWithZeroWeights(), BCE))
                .as("float32").isFalse();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU).dropout(0.5)
                .dense(1, Activations.SIGMOID).buildWithZeroWeights(), BCE)).as("dropout").isFalse();
        assertThat(TinyNetworkGradient.fits(Network.builder(2).precision(Precision.FLOAT64).dense(2, Activations.RELU)
                .dense(1, Activations.SIGMOID).buildWithZeroWeights(), Losses.MEAN_SQUARED_ERROR))
                .as("mean squared error").isFalse();
    }

    @Test
    void leavesOtherNetworksToTheGeneralEngine() {
        Network network = Network.builder(2).precision(Precision.FLOAT64).dense(3, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.STANDARD_NORMAL, RandomSource.seeded(2));
        Dataset xor = LogicGates.xor();
        Network viaGeneral = network.copy();
        NumericalGradient general = NumericalGradient.forwardDifference(1e-5);
        double expected = general.computeGradients(viaGeneral, xor.inputs(), xor.targets(), BCE);
        TinyNetworkGradient tiny = new TinyNetworkGradient(general);
        double actual = tiny.computeGradients(network, xor.inputs(), xor.targets(), BCE);
        assertThat(actual).isEqualTo(expected);
        for (int p = 0; p < network.parameters().size(); p++) {
            assertThat(network.parameters().get(p).gradient().sameBits(viaGeneral.parameters().get(p).gradient()))
                    .isTrue();
        }
        assertThat(tiny.lastOutputs()).as("no scalar outputs after the general engine ran").isNull();
    }
}
