package org.nn4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.predict.Model;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/** Exported graphs run in ONNX Runtime and give nn4j's own predictions. */
class OnnxExportTest {

    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    @TempDir
    Path folder;

    /**
     * How close ONNX Runtime's outputs must be: |onnx − nn4j| ≤ rtol·|nn4j| + atol, with rtol 1e-5 in float32 and
     * 1e-12 in float64. The small absolute part is for ONNX Runtime's float32 Sigmoid, an approximation that is
     * within about 5e-8 absolute but not relative: at z = −15 it answers 3.58e-7 for 3.06e-7, 17% off, where nn4j's
     * is within 2e-8 relative (measured in this module's first version).
     */
    private static double[] tolerance(Precision precision) {
        return precision == Precision.FLOAT32 ? new double[] {1e-5, 1e-7} : new double[] {1e-12, 1e-15};
    }

    private static double[][] runOnnx(byte[] onnx, double[][] inputs, Precision precision) throws OrtException {
        try (OrtSession session = ORT.createSession(onnx, new OrtSession.SessionOptions())) {
            OnnxTensor tensor;
            if (precision == Precision.FLOAT32) {
                float[][] f = new float[inputs.length][];
                for (int i = 0; i < inputs.length; i++) {
                    f[i] = new float[inputs[i].length];
                    for (int j = 0; j < f[i].length; j++) {
                        f[i][j] = (float) inputs[i][j];
                    }
                }
                tensor = OnnxTensor.createTensor(ORT, f);
            } else {
                tensor = OnnxTensor.createTensor(ORT, inputs);
            }
            try (tensor; OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
                Object value = result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
                if (value instanceof double[][] d) {
                    return d;
                }
                float[][] f = (float[][]) value;
                double[][] d = new double[f.length][];
                for (int i = 0; i < f.length; i++) {
                    d[i] = new double[f[i].length];
                    for (int j = 0; j < f[i].length; j++) {
                        d[i][j] = f[i][j];
                    }
                }
                return d;
            }
        }
    }

    private static void assertClose(double[][] actual, double[][] expected, double[] tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).hasSameSizeAs(expected[i]);
            for (int j = 0; j < expected[i].length; j++) {
                double allowed = tolerance[0] * Math.abs(expected[i][j]) + tolerance[1];
                assertThat(Math.abs(actual[i][j] - expected[i][j]))
                        .as("row %d, output %d: ONNX %s, nn4j %s", i, j, actual[i][j], expected[i][j])
                        .isLessThanOrEqualTo(allowed);
            }
        }
    }

    private static double[][] gaussian(int rows, int cols, long seed) {
        RandomSource random = RandomSource.seeded(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = 2 * random.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyActivationRunsInOnnxRuntimeAsInNn4j(Precision precision) throws OrtException {
        List<List<Activation>> stacks = List.of(
                List.of(Activations.RELU, Activations.TANH, Activations.SOFTMAX),
                List.of(new LeakyRelu(0.2), Activations.SIGMOID, Activations.IDENTITY),
                List.of(Activations.LEAKY_RELU, Activations.SIGMOID),
                List.of(Activations.IDENTITY));
        long seed = 1;
        for (List<Activation> stack : stacks) {
            Network.Builder builder = Network.builder(6).precision(precision);
            int[] sizes = {17, 9, 4};
            for (int k = 0; k < stack.size(); k++) {
                builder.dense(k == stack.size() - 1 ? 3 : sizes[k], stack.get(k));
            }
            Network network = builder.build(Initializers.XAVIER, RandomSource.seeded(seed++));
            byte[] onnx = OnnxExport.toOnnx(new SavedModel(network, Map.of())).toByteArray();
            Model model = Model.of(network);
            for (int batch : new int[] {1, 37}) {
                double[][] x = gaussian(batch, 6, seed++);
                assertClose(runOnnx(onnx, x, precision), model.predict(x), tolerance(precision));
            }
        }
    }

    /** A moons classifier with a categorical column, trained briefly. */
    private static SavedModel moonsWithColour(Precision precision) {
        Table moons = SyntheticData.moons(120, 0.1, 3);
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < moons.rowCount(); r++) {
            rows.add(new String[] {moons.cell(r, 0), r % 3 == 0 ? "red" : r % 3 == 1 ? "green" : "blue",
                moons.cell(r, 1), moons.cell(r, 2)});
        }
        Table table = Table.of("moons", List.of("x", "colour", "y", "label"), rows);
        Preprocessing prep = Preprocessing.fit(table, "label", Task.BINARY, table.allRows());
        Network network = Network.builder(prep.inputs()).precision(precision)
                .dense(8, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(5));
        TrainingLoop.builder(Task.BINARY, new Adam(0.01)).batchSize(16).epochs(5).seed(5).build()
                .fit(network, prep.encode(table, table.allRows()), null, TrainingListener.NONE);
        return new SavedModel(network, Map.of("data", "moons"), prep, Map.of());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aTableModelTakesRawValuesWithCategoriesOneHot(Precision precision) throws OrtException {
        SavedModel saved = moonsWithColour(precision);
        byte[] onnx = OnnxExport.toOnnx(saved).toByteArray();
        Model model = Model.of(saved);
        // The graph's columns: x, colour=blue, colour=green, colour=red, y.
        assertThat(OnnxExport.inputColumns(saved.preprocessing()))
                .containsExactly("x", "colour=blue", "colour=green", "colour=red", "y");
        String[] colours = {"blue", "green", "red"};
        double[][] raw = gaussian(25, 2, 8);
        double[][] onnxInputs = new double[raw.length][];
        double[][] expected = new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            int colour = i % 3;
            onnxInputs[i] = new double[] {raw[i][0], colour == 0 ? 1 : 0, colour == 1 ? 1 : 0, colour == 2 ? 1 : 0,
                raw[i][1]};
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", raw[i][0]);
            row.put("colour", colours[colour]);
            row.put("y", raw[i][1]);
            expected[i] = model.answer(row).outputs();
        }
        assertClose(runOnnx(onnx, onnxInputs, precision), expected, tolerance(precision));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aMissingNumberFedAsNanIsFilledAndFlaggedAsNn4jDoes(Precision precision) throws OrtException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {i % 5 == 0 ? "NA" : Double.toString(i % 9 - 4.0),
                i % 7 == 0 ? "" : List.of("red", "blue").get(i % 2), i % 6 == 0 ? "?" : Double.toString(i / 10.0),
                Double.toString(i / 40.0), i % 3 == 0 ? "a" : "b"});
        }
        Table table = Table.of("t", List.of("x", "colour", "z", "w", "label"), rows);
        Preprocessing prep = Preprocessing.fit(table, "label", null, table.allRows(), MemoryLimits.ofThisJvm(),
                new InputSettings(List.of(), List.of(), Imputation.MEDIAN, true));
        Network network = Network.builder(prep.inputs()).precision(precision).dense(6, Activations.TANH)
                .dense(1, Activations.SIGMOID).build(Initializers.XAVIER, RandomSource.seeded(9));
        SavedModel saved = new SavedModel(network, Map.of(), prep, Map.of());
        // x, colour=(missing), colour=blue, colour=red, z, w: no column for the indicators, which the graph adds.
        assertThat(OnnxExport.inputColumns(prep)).containsExactly("x", "colour=(missing)", "colour=blue", "colour=red",
                "z", "w");
        assertThat(prep.inputs()).isEqualTo(8);
        double nan = Double.NaN;
        double[][] onnxInputs = {{nan, 1, 0, 0, 0.5, nan}, {2, 0, 1, 0, nan, 0.1}, {-1, 0, 0, 1, 3, 0.2},
            {nan, 0, 0, 1, nan, 0.3}};
        Model model = Model.of(saved);
        double[][] expected = new double[onnxInputs.length][];
        for (int i = 0; i < onnxInputs.length; i++) {
            double[] in = onnxInputs[i];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", Double.isNaN(in[0]) ? null : in[0]);
            row.put("colour", in[1] == 1 ? "NA" : in[2] == 1 ? "blue" : "red");
            row.put("z", Double.isNaN(in[4]) ? "nan" : in[4]);
            row.put("w", Double.isNaN(in[5]) ? "" : in[5]);
            expected[i] = model.answer(row).outputs();
        }
        assertClose(runOnnx(OnnxExport.toOnnx(saved).toByteArray(), onnxInputs, precision), expected,
                tolerance(precision));
    }

    @Test
    void regressionComesBackInTheLabelsUnits() throws OrtException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {Double.toString(i), Double.toString(i % 7), Double.toString(1000 + 3 * i)});
        }
        Table table = Table.of("t", List.of("a", "b", "price"), rows);
        Preprocessing prep = Preprocessing.fit(table, "price", Task.REGRESSION, table.allRows());
        Network network = Network.builder(2).precision(Precision.FLOAT64).dense(5, Activations.TANH)
                .dense(1, Activations.IDENTITY)
                .build(Initializers.XAVIER, RandomSource.seeded(3));
        SavedModel saved = new SavedModel(network, Map.of(), prep, Map.of());
        double[][] x = {{3, 1}, {20, 5}, {-4, 0}};
        double[][] onnx = runOnnx(OnnxExport.toOnnx(saved).toByteArray(), x, Precision.FLOAT64);
        assertClose(onnx, Model.of(saved).predict(x), tolerance(Precision.FLOAT64));
        assertThat(onnx[1][0]).isGreaterThan(500); // in price units, not standardised ones
    }

    @Test
    void theFileNamesItsInputsOutputsAndClassesForOtherTools() throws IOException, OrtException {
        SavedModel saved = moonsWithColour(Precision.FLOAT32);
        Path file = folder.resolve("moons.onnx");
        OnnxExport.write(saved, file);
        try (OrtSession session = ORT.createSession(file.toString(), new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactly("input");
            assertThat(session.getOutputNames()).containsExactly("output");
            assertThat(session.getInputInfo().get("input").getInfo().toString()).contains("shape=[-1, 5]");
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta).containsEntry("nn4j.task", "binary").containsEntry("nn4j.classes", "0,1")
                    .containsEntry("nn4j.features", "x,colour=blue,colour=green,colour=red,y")
                    .containsEntry("nn4j.training.data", "moons");
            assertThat(session.getMetadata().getProducerName()).isEqualTo("nn4j");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileWhole() throws IOException {
        Path file = folder.resolve("old.onnx");
        Files.writeString(file, "previous");
        Path missingFolder = folder.resolve("no-such-folder").resolve("m.onnx");
        assertThatThrownBy(() -> OnnxExport.write(moonsWithColour(Precision.FLOAT32), missingFolder))
                .isInstanceOf(IOException.class).hasMessageContaining("ONNX file").hasMessageContaining("does not exist");
        assertThat(Files.readString(file)).isEqualTo("previous");
    }
}
