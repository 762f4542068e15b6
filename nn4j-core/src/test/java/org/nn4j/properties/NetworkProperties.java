package org.nn4j.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.grad.GradientCheck;
import org.nn4j.grad.GradientCheckReport;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.LayerTrace;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.nn.Relu;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingLoopBuilder;
import org.nn4j.train.TrainingCheckpoint;
import org.nn4j.train.TrainingListener;
import org.quicktheories.core.Gen;

/**
 * Properties over random architectures, checked on a few hundred generated cases each (QuickTheories); a failing
 * case is shrunk to a small one and reported with the seed that reproduces it.
 */
class NetworkProperties {

    private static final List<Activation> HIDDEN = List.of(Activations.RELU, new LeakyRelu(0.1), Activations.SIGMOID,
            Activations.TANH, Activations.IDENTITY, Activations.SOFTMAX);

    /** A network's shape: hidden widths with their activations, inputs, outputs, output activation. */
    record Architecture(int inputs, List<Integer> widths, List<Integer> activations, int outputs, int outputActivation,
            boolean dropout, boolean float32) {

        Network build(long seed, Activation output) {
            Network.Builder builder = Network.builder(inputs).precision(float32 ? Precision.FLOAT32 : Precision.FLOAT64);
            for (int i = 0; i < widths.size(); i++) {
                builder.dense(widths.get(i), HIDDEN.get(activations.get(i)));
                if (dropout) {
                    builder.dropout(0.25);
                }
            }
            return builder.dense(outputs, output).build(Initializers.XAVIER, RandomSource.seeded(seed));
        }

        Architecture exact(int outputs) {
            return new Architecture(inputs, widths, activations, outputs, outputActivation, false, false);
        }
    }

    private static Gen<Architecture> architectures() {
        Gen<List<Integer>> widths = lists().of(integers().between(1, 7)).ofSizeBetween(0, 3);
        Gen<List<Integer>> activations = lists().of(integers().between(0, HIDDEN.size() - 1)).ofSize(3);
        Gen<Integer> flags = integers().between(0, 3);
        return integers().between(1, 6).zip(widths, activations, integers().between(1, 4), flags,
                (inputs, w, a, outputs, f) -> new Architecture(inputs, w, a, outputs, (outputs + w.size()) % HIDDEN.size(),
                        (f & 1) != 0, (f & 2) != 0));
    }

    /** Text of valid Unicode (any plane, no lone surrogates), as file names and settings may hold. */
    private static Gen<String> text() {
        Gen<Integer> codePoint = integers().between(0, 0x10FFFF - 0x800)
                .map(c -> c < 0xD800 ? c : c + 0x800);
        return lists().of(codePoint).ofSizeBetween(0, 12).map(points -> {
            StringBuilder sb = new StringBuilder();
            points.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static Gen<Map<String, String>> trainingRecords() {
        return lists().of(text().zip(text(), List::of)).ofSizeBetween(0, 4).map(pairs -> {
            Map<String, String> map = new LinkedHashMap<>();
            pairs.forEach(p -> map.put("k" + p.get(0), p.get(1)));
            return map;
        });
    }

    @Test
    void savingAndLoadingKeepsEveryBitAndEveryWord() {
        qt().withExamples(300).forAll(architectures(), longs().all(), trainingRecords())
                .checkAssert((architecture, seed, training) -> {
                    Network network = architecture.build(seed, HIDDEN.get(architecture.outputActivation()));
                    Map<String, List<Double>> history = new LinkedHashMap<>();
                    history.put("loss", List.of(0.5, 0.25, Double.MIN_VALUE, 1e300));
                    SavedModel loaded = roundTrip(new SavedModel(network, training, null, history));
                    assertThat(loaded.network().describe()).isEqualTo(network.describe());
                    assertThat(loaded.training()).isEqualTo(training);
                    assertThat(loaded.history()).isEqualTo(history);
                    for (int i = 0; i < network.parameters().size(); i++) {
                        assertThat(loaded.network().parameters().get(i).value()
                                .sameBits(network.parameters().get(i).value())).isTrue();
                    }
                });
    }

    private static SavedModel roundTrip(SavedModel model) {
        try {
            Path file = Files.createTempFile("property", ".nn4j");
            try {
                ModelFile.write(model, file);
                return ModelFile.read(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void backpropagationAgreesWithCentralDifferences() {
        qt().withExamples(300).forAll(architectures(), integers().between(0, 2), longs().all(), integers().between(1, 6))
                .assuming((architecture, lossIndex, seed, samples) -> {
                    Network network = gradientCase(architecture, lossIndex, seed);
                    return closestToAKink(network, inputs(network, seed, samples)) > 1e-3;
                })
                .checkAssert((architecture, lossIndex, seed, samples) -> {
                    Loss loss = Losses.ALL.get(lossIndex);
                    Network network = gradientCase(architecture, lossIndex, seed);
                    Matrix x = inputs(network, seed, samples);
                    Matrix y = targets(loss, samples, network.outputs(), RandomSource.seeded(~seed));
                    GradientCheckReport report = GradientCheck.backpropagationAgainstCentralDifferences()
                            .run(network, x, y, loss);
                    assertThat(report.passed()).as(report.format()).isTrue();
                });
    }

    /** The network for a gradient check: float64, no dropout, an output layer fitting the loss, nudged biases. */
    private static Network gradientCase(Architecture architecture, int lossIndex, long seed) {
        Loss loss = Losses.ALL.get(lossIndex);
        Activation output = loss == Losses.BINARY_CROSS_ENTROPY ? Activations.SIGMOID
                : loss == Losses.SOFTMAX_CROSS_ENTROPY ? Activations.SOFTMAX
                : HIDDEN.get(architecture.outputActivation());
        int outputs = loss == Losses.SOFTMAX_CROSS_ENTROPY ? Math.max(2, architecture.outputs())
                : architecture.outputs();
        Network network = architecture.exact(outputs).build(seed, output);
        RandomSource random = RandomSource.seeded(seed ^ 0x5DEECE66DL);
        for (Parameter p : network.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, p.value().get(i) + 0.1 * random.nextGaussian());
            }
        }
        return network;
    }

    private static Matrix inputs(Network network, long seed, int samples) {
        RandomSource random = RandomSource.seeded(seed + 17);
        Matrix x = Matrix.zeros(samples, network.inputs());
        for (int i = 0; i < x.size(); i++) {
            x.set(i, random.nextGaussian());
        }
        return x;
    }

    private static Matrix targets(Loss loss, int samples, int outputs, RandomSource random) {
        Matrix y = Matrix.zeros(samples, outputs);
        for (int r = 0; r < samples; r++) {
            if (loss == Losses.SOFTMAX_CROSS_ENTROPY) {
                y.set(r, random.nextInt(outputs), 1.0);
            } else {
                for (int c = 0; c < outputs; c++) {
                    y.set(r, c, loss == Losses.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextGaussian());
                }
            }
        }
        return y;
    }

    /** The smallest |z| feeding a ReLU or leaky ReLU, over the batch: a difference quotient across a kink is meaningless. */
    private static double closestToAKink(Network network, Matrix x) {
        double closest = Double.POSITIVE_INFINITY;
        for (LayerTrace t : network.trace(x)) {
            if (t.layer().activation() instanceof Relu || t.layer().activation() instanceof LeakyRelu) {
                for (int i = 0; i < t.z().size(); i++) {
                    closest = Math.min(closest, Math.abs(t.z().get(i)));
                }
            }
        }
        return closest;
    }

    @Test
    void aRandomRunStoppedAnywhereResumesFromItsFileToTheSameWeights() {
        qt().withExamples(60).forAll(architectures(), longs().all(), integers().between(1, 40))
                .checkAssert((architecture, seed, stopAfter) -> {
                    int outputs = Math.max(2, architecture.outputs());
                    Architecture shape = new Architecture(architecture.inputs(), architecture.widths(),
                            architecture.activations(), outputs, 0, architecture.dropout(), architecture.float32());
                    RandomSource random = RandomSource.seeded(seed);
                    Matrix x = Matrix.zeros(37, shape.inputs());
                    for (int i = 0; i < x.size(); i++) {
                        x.set(i, random.nextGaussian());
                    }
                    Dataset data = new Dataset("random", x,
                            targets(Losses.SOFTMAX_CROSS_ENTROPY, 37, outputs, random));
                    Supplier<TrainingLoopBuilder> trainer = () -> TrainingLoop
                            .builder(Task.MULTICLASS, new Adam(0.05)).batchSize(8).epochs(6).seed(seed);

                    Network expected = shape.build(seed, Activations.SOFTMAX);
                    trainer.get().build().fit(expected, data, null, TrainingListener.NONE);

                    List<TrainingCheckpoint> saved = new ArrayList<>();
                    AtomicInteger asks = new AtomicInteger();
                    FitResult first = trainer.get().checkpoints(0, saved::add)
                            .stopWhen(() -> asks.incrementAndGet() >= stopAfter).build()
                            .fit(shape.build(seed, Activations.SOFTMAX), data, null, TrainingListener.NONE);
                    if (!first.stopReason().equals(FitResult.INTERRUPTED)) {
                        return; // the run ended before the stop came: nothing to resume
                    }
                    Network resumed = shape.build(seed + 1, Activations.SOFTMAX);
                    trainer.get().build().resume(resumed, data, null, TrainingListener.NONE,
                            checkpointRoundTrip(saved.get(0)));
                    for (int i = 0; i < expected.parameters().size(); i++) {
                        assertThat(resumed.parameters().get(i).value()
                                .sameBits(expected.parameters().get(i).value())).isTrue();
                    }
                });
    }

    private static TrainingCheckpoint checkpointRoundTrip(TrainingCheckpoint checkpoint) {
        try {
            Path file = Files.createTempFile("property", ".ckpt");
            try {
                CheckpointFile.write(new CheckpointFile.Saved(checkpoint, Map.of(), null, List.of()), file);
                return CheckpointFile.read(file).checkpoint();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
