package org.nn4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

class ModelTest {

    @TempDir
    Path folder;

    /** A classifier on moons, with a numeric and a categorical column beside the two coordinates. */
    private static SavedModel trainedMoons(Precision precision) {
        Table moons = SyntheticData.moons(200, 0.1, 3);
        List<String> columns = List.of("x", "y", "colour", "label");
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < moons.rowCount(); r++) {
            rows.add(new String[] {moons.cell(r, 0), moons.cell(r, 1), r % 3 == 0 ? "red" : "blue",
                moons.cell(r, 2)});
        }
        Table table = Table.of("moons", columns, rows);
        Preprocessing prep = Preprocessing.fit(table, "label", Task.BINARY, table.allRows());
        Network network = Network.builder(prep.inputs()).precision(precision)
                .dense(16, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(5));
        TrainingLoop.builder(Task.BINARY, new Sgd(0.3)).batchSize(16).epochs(60).seed(5).build()
                .fit(network, prep.encode(table, table.allRows()), null, TrainingListener.NONE);
        return new SavedModel(network, Map.of("data", "moons"), prep, Map.of());
    }

    private static SavedModel numericRegression() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            double a = i / 10.0;
            double b = (i * 7 % 11) / 3.0;
            rows.add(new String[] {Double.toString(a), Double.toString(b), Double.toString(100 + 20 * a - 5 * b)});
        }
        Table table = Table.of("line", List.of("a", "b", "price"), rows);
        Preprocessing prep = Preprocessing.fit(table, "price", Task.REGRESSION, table.allRows());
        Network network = Network.builder(2).dense(1, Activations.IDENTITY)
                .build(Initializers.XAVIER, RandomSource.seeded(2));
        TrainingLoop.builder(Task.REGRESSION, new Sgd(0.1)).batchSize(10).epochs(200).seed(2).build()
                .fit(network, prep.encode(table, table.allRows()), null, TrainingListener.NONE);
        return new SavedModel(network, Map.of(), prep, Map.of());
    }

    @Test
    void loadsASavedModelAndAnswersAsTheNetworkDoesOnTheEncodedRow() throws Exception {
        SavedModel saved = trainedMoons(Precision.FLOAT64);
        Path file = folder.resolve("moons.nn4j");
        ModelFile.write(saved, file);

        Model model = Model.load(file);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", 1.8);
        row.put("y", "-0.2");
        row.put("colour", "red");
        Prediction p = model.answer(row);

        Table one = Table.of("t", List.of("x", "y", "colour"), List.<String[]>of(new String[] {"1.8", "-0.2", "red"}));
        double expected = saved.network().predict(saved.preprocessing().encodeInputs(one, one.allRows())).get(0, 0);
        assertThat(p.outputs()).containsExactly(expected);
        assertThat(p.className()).isEqualTo(expected >= 0.5 ? "1" : "0");
        assertThat(p.probability()).isEqualTo(expected >= 0.5 ? expected : 1 - expected);
        assertThat(model.inputNames()).containsExactly("x", "y", "colour");
        assertThat(model.classes()).containsExactly("0", "1");
        assertThat(model.task()).contains(Task.BINARY);
        assertThat(model.training()).containsEntry("data", "moons");
        // The far ends of the two moons: (−1, 0) is class 0's, (2, 0.5) class 1's.
        row.put("x", -1.0);
        row.put("y", 0.0);
        assertThat(model.answer(row).className()).isEqualTo("0");
        row.put("x", 2.0);
        row.put("y", 0.5);
        assertThat(model.answer(row).className()).isEqualTo("1");
    }

    @Test
    void aCategoricalModelRefusesPlainNumbersWithAClearMessage() {
        Model model = Model.of(trainedMoons(Precision.FLOAT64));
        assertThatThrownBy(() -> model.predict(1.0, 0.5, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical columns (colour)")
                .hasMessageContaining("by column name");
    }

    @Test
    void regressionStandardisesRawNumbersAndAnswersInTheLabelsUnits() {
        SavedModel saved = numericRegression();
        Model model = Model.of(saved);
        double[] out = model.predict(2.0, 1.0);
        // The data follow price = 100 + 20a − 5b exactly, so a trained linear model gets close.
        assertThat(out[0]).isCloseTo(135.0, within(0.5));
        Prediction p = model.answer(2.0, 1.0);
        assertThat(p.hasClass()).isFalse();
        assertThat(p.value()).isEqualTo(out[0]);
        double[][] batch = model.predict(new double[][] {{2.0, 1.0}, {0.0, 0.0}, {4.0, 3.0}});
        assertThat(batch[0]).containsExactly(out[0]);
        assertThat(batch[1][0]).isCloseTo(100.0, within(0.5));
        assertThat(batch[2][0]).isCloseTo(165.0, within(0.5));
    }

    @Test
    void aMissingValueIsFilledAsInTrainingWhetherGivenAsNanNullOrText() {
        Table table = Table.of("gaps", List.of("a", "b", "y"), List.of(new String[] {"1", "10", "p"},
                new String[] {"NA", "20", "q"}, new String[] {"5", "30", "p"}, new String[] {"9", "", "q"}));
        Preprocessing prep = Preprocessing.fit(table, "y", null, table.allRows(), MemoryLimits.ofThisJvm(),
                new InputSettings(List.of(), List.of(), Imputation.MEDIAN, true));
        Network network = Network.builder(prep.inputs()).dense(3, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(4));
        Model model = Model.of(ModelFile.fromBytes(ModelFile.toBytes(new SavedModel(network, Map.of(), prep,
                Map.of()))));
        // a's gap is filled with the median 5 and flagged by its indicator input.
        double expected = network.infer(Matrix.row(new double[] {(5 - prep.features().get(0).mean())
                / prep.features().get(0).scale(), (20 - prep.features().get(1).mean()) / prep.features().get(1).scale(),
            1, 0})).get(0);
        assertThat(model.predict(Double.NaN, 20)[0]).isCloseTo(expected, within(1e-15));
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        withNull.put("b", 20);
        assertThat(model.answer(withNull).outputs()[0]).isCloseTo(expected, within(1e-15));
        assertThat(model.answer(Map.of("a", "NA", "b", "20")).outputs()[0]).isCloseTo(expected, within(1e-15));
        // A present 5 differs only in the indicator.
        assertThat(model.predict(5, 20)[0]).isNotCloseTo(expected, within(1e-9));
    }

    @Test
    void badInputsAreRefusedWithWhatWasExpectedAndWhatCame() {
        Model model = Model.of(numericRegression());
        assertThatThrownBy(() -> model.predict(1.0)).hasMessageContaining("has 1 values")
                .hasMessageContaining("takes 2 (a, b)");
        assertThatThrownBy(() -> model.predict(1.0, Double.POSITIVE_INFINITY)).hasMessageContaining("column 'b'")
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> model.answer(Map.of("a", 1.0))).hasMessageContaining("missing b");
        assertThatThrownBy(() -> model.answer(Map.of("a", 1.0, "b", "lots"))).hasMessageContaining("lots");

        Model plain = Model.of(Network.builder(2).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(1)));
        assertThatThrownBy(() -> plain.answer(Map.of("x1", 1.0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answer(double...)");
        assertThatThrownBy(() -> plain.predict(1, 2, 3)).hasMessageContaining("takes 2");
    }

    @Test
    void aPlainNetworkTakesItsInputsAsTheyAreAndLaterTrainingIsNotSeen() {
        Network network = Network.builder(2).dense(3, Activations.TANH).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(4));
        Model model = Model.of(network);
        double before = network.predict(0.5, -1.0)[0];
        assertThat(model.predict(0.5, -1.0)).containsExactly(before);
        assertThat(model.inputNames()).containsExactly("x1", "x2");
        network.parameters().get(0).value().fill(0.0);
        assertThat(model.predict(0.5, -1.0)).containsExactly(before);
    }

    @Test
    void manyThreadsPredictingAtOnceGetExactlyTheSequentialAnswers() throws Exception {
        for (Precision precision : Precision.values()) {
            Model model = Model.of(Network.builder(20).precision(precision)
                    .dense(64, Activations.RELU).dense(32, Activations.TANH).dense(5, Activations.SOFTMAX)
                    .build(Initializers.HE, RandomSource.seeded(9)));
            RandomSource random = RandomSource.seeded(10);
            double[][] samples = new double[300][20];
            for (double[] s : samples) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = random.nextGaussian();
                }
            }
            double[][] expected = new double[samples.length][];
            for (int i = 0; i < samples.length; i++) {
                expected[i] = model.predict(samples[i]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Integer>> jobs = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int offset = t * 17;
                    jobs.add(() -> {
                        int checked = 0;
                        for (int k = 0; k < 400; k++) {
                            int i = (offset + k) % samples.length;
                            double[] got = k % 5 == 0 ? model.predict(new double[][] {samples[i]})[0]
                                    : model.predict(samples[i]);
                            assertThat(got).as("sample %d in %s", i, precision).containsExactly(expected[i]);
                            checked++;
                        }
                        return checked;
                    });
                }
                int total = 0;
                for (Future<Integer> f : pool.invokeAll(jobs)) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(16 * 400);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void inferGivesTheSameBitsAsTheWorkspaceForwardPass() {
        Network network = Network.builder(7).precision(Precision.FLOAT32)
                .dense(9, Activations.LEAKY_RELU).dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(12));
        Matrix batch = Matrix.zeros(33, 7);
        RandomSource random = RandomSource.seeded(13);
        for (int i = 0; i < batch.size(); i++) {
            batch.set(i, random.nextGaussian());
        }
        assertThat(network.infer(batch).sameBits(network.predict(batch))).isTrue();
    }
}
