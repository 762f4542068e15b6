package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.grad.Backpropagation;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.ClassificationMetrics;
import org.nn4j.metrics.Task;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/** A float32 network computes what its float64 twin does, to float32's precision, and trains as well. */
class Float32NetworkTest {

    private static Network float64() {
        return Network.builder(5).dense(40, Activations.RELU).dense(24, Activations.TANH).dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(2));
    }

    private static Matrix batch(int rows) {
        RandomSource random = RandomSource.seeded(5);
        Matrix x = Matrix.zeros(rows, 5);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, random.nextGaussian());
        }
        return x;
    }

    @Test
    void predictionsAndGradientsAgreeWithFloat64ToFloat32Precision() {
        Network wide = float64();
        Network narrow = wide.toPrecision(Precision.FLOAT32);
        assertThat(narrow.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(narrow.describe()).isEqualTo("5-40-24-3 (relu, tanh, softmax) float32");
        Matrix x = batch(64);
        assertThat(narrow.predict(x).toArray()).containsExactly(wide.predict(x).toArray(), within(1e-5));

        Matrix y = Matrix.zeros(64, 3);
        for (int r = 0; r < 64; r++) {
            Task.MULTICLASS.encodeClass(y, r, r % 3);
        }
        double wideLoss = new Backpropagation().computeGradients(wide, x, y, Losses.SOFTMAX_CROSS_ENTROPY);
        double narrowLoss = new Backpropagation().computeGradients(narrow, x, y, Losses.SOFTMAX_CROSS_ENTROPY);
        assertThat(narrowLoss).isCloseTo(wideLoss, within(1e-5));
        for (int i = 0; i < wide.parameters().size(); i++) {
            Matrix g64 = wide.parameters().get(i).gradient();
            Matrix g32 = narrow.parameters().get(i).gradient();
            assertThat(g32.precision()).isEqualTo(Precision.FLOAT32);
            double scale = Math.max(g64.maxAbs(), 1e-3);
            for (int j = 0; j < g64.size(); j++) {
                assertThat(g32.get(j)).isCloseTo(g64.get(j), within(1e-5 * scale));
            }
        }
    }

    @Test
    void aFloat32NetworkLearnsTheMoons() {
        Table table = SyntheticData.moons(1000, 0.1, 7);
        Split split = Split.of(table, 2, 0.3, 0.1, true, 11);
        Preprocessing prep = Preprocessing.fit(table, "label", null, split.train());
        Network network = Network.builder(prep.inputs()).precision(Precision.FLOAT32)
                .dense(32, Activations.TANH).dense(32, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(3));
        TrainingLoop.builder(Task.BINARY, new Adam(0.01)).batchSize(32).epochs(100).seed(5).build()
                .fit(network, prep.encode(table, split.train()), prep.encode(table, split.validation()),
                        TrainingListener.NONE);
        ClassificationMetrics test = ClassificationMetrics.of(Task.BINARY,
                network.predict(prep.encodeInputs(table, split.test())), prep.classesOf(table, split.test()),
                prep.label().classes());
        assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(network.parameters().get(0).value().precision()).isEqualTo(Precision.FLOAT32);
    }

    @Test
    void float32ModelsAreSavedAsF32AndLoadBitForBit(@TempDir Path folder) throws IOException {
        Network narrow = float64().toPrecision(Precision.FLOAT32);
        Path file = folder.resolve("f32.nn4j");
        ModelFile.write(new SavedModel(narrow, Map.of()), file);
        Network loaded = ModelFile.read(file).network();
        assertThat(loaded.precision()).isEqualTo(Precision.FLOAT32);
        Matrix x = batch(10);
        assertThat(loaded.predict(x).sameBits(narrow.predict(x))).isTrue();
        // 4 bytes per parameter, plus the header.
        long parameters = narrow.parameterCount();
        assertThat(java.nio.file.Files.size(file)).isBetween(4 * parameters, 4 * parameters + 4096);
    }
}
