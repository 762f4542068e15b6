package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.predict.Model;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * nn4j against PyTorch's own numbers, both ways, from the fixtures that {@code interop/make_fixtures.py} made with
 * PyTorch 1.13 and that are committed under {@code interop/fixtures}.
 */
class TorchInteropTest {

    private static final Path FIXTURES = Path.of("..", "interop", "fixtures");

    @TempDir
    Path folder;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String name) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static double[][] matrix(Object rows) {
        List<List<Number>> list = (List<List<Number>>) rows;
        double[][] out = new double[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).stream().mapToDouble(Number::doubleValue).toArray();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Network imported(String name, Precision precision) throws IOException {
        Map<String, Object> fixture = json(name + ".json");
        List<Integer> sizes = ((List<Number>) fixture.get("layers")).stream().map(Number::intValue).toList();
        List<Activation> activations = ((List<String>) fixture.get("activations")).stream()
                .map(Activations::byName).toList();
        return TorchSequential.toNetwork(SafetensorsFile.read(FIXTURES.resolve(name + ".safetensors")), sizes,
                activations, precision);
    }

    /** max |a − b| / max(|b|, floor) over every output. */
    private static double worstRelativeError(double[][] actual, double[][] expected, double floor) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).hasSize(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(actual[i][j] - expected[i][j])
                        / Math.max(Math.abs(expected[i][j]), floor));
            }
        }
        return worst;
    }

    @Test
    void aFloat32PyTorchSequentialPredictsAsPyTorchDid() throws IOException {
        Network network = imported("torch_mlp_f32", Precision.FLOAT32);
        assertThat(network.describe()).isEqualTo("4-16-8-3 (relu, tanh, softmax) float32");
        Map<String, Object> fixture = json("torch_mlp_f32.json");
        double[][] got = Model.of(network).predict(matrix(fixture.get("inputs")));
        assertThat(worstRelativeError(got, matrix(fixture.get("outputs")), 1e-6)).isLessThan(1e-5);
    }

    @Test
    void aFloat64PyTorchSequentialPredictsAsPyTorchDidToTheLastFewBits() throws IOException {
        Network network = imported("torch_mlp_f64", Precision.FLOAT64);
        assertThat(network.describe()).isEqualTo("5-12-6-1 (leaky_relu, sigmoid, identity)");
        Map<String, Object> fixture = json("torch_mlp_f64.json");
        double[][] got = Model.of(network).predict(matrix(fixture.get("inputs")));
        assertThat(worstRelativeError(got, matrix(fixture.get("outputs")), 1e-12)).isLessThan(1e-12);
    }

    @Test
    void theWeightsAreTransposedFromPyTorchsUnitsByInputs() throws IOException {
        Map<String, SafetensorsFile.Tensor> tensors = SafetensorsFile.read(FIXTURES.resolve("torch_mlp_f64.safetensors"));
        SafetensorsFile.Tensor w = tensors.get("0.weight");
        assertThat(w.shape()).containsExactly(12, 5);
        Network network = imported("torch_mlp_f64", Precision.FLOAT64);
        Matrix mine = network.layers().get(0).weight().value();
        assertThat(mine.shape()).isEqualTo("5×12");
        // PyTorch's weight[3][1] is the weight from input 1 to unit 3.
        assertThat(mine.get(1, 3)).isEqualTo(w.values()[3 * 5 + 1]);
        assertThat(network.layers().get(2).bias().value().get(0, 0)).isEqualTo(tensors.get("4.bias").values()[0]);
    }

    @Test
    void anNn4jModelRunsInPyTorchAsInNn4j() throws IOException {
        Map<String, Object> fixture = json("iris_torch.json");
        Model iris = Model.load(FIXTURES.resolve("iris.nn4j"));
        double[][] got = iris.predict(matrix(fixture.get("inputs")));
        assertThat(worstRelativeError(got, matrix(fixture.get("outputs")), 1e-12)).isLessThan(1e-12);
        assertThat(iris.answer(5.1, 3.5, 1.4, 0.2).className()).isEqualTo("setosa");
    }

    @Test
    void mismatchedSizesOrActivationsAreNamed() throws IOException {
        Map<String, SafetensorsFile.Tensor> tensors = SafetensorsFile.read(FIXTURES.resolve("torch_mlp_f32.safetensors"));
        List<Activation> three = List.of(Activations.RELU, Activations.TANH, Activations.SOFTMAX);
        assertThatThrownBy(() -> TorchSequential.toNetwork(tensors, List.of(4, 10, 3), three, Precision.FLOAT32))
                .hasMessageContaining("4,10,3").hasMessageContaining("4,16,8,3");
        assertThatThrownBy(() -> TorchSequential.toNetwork(tensors, List.of(), List.of(Activations.RELU),
                Precision.FLOAT32)).hasMessageContaining("3 Linear layers (0, 2, 4)")
                .hasMessageContaining("got 1");
    }

    @Test
    void layersAreOrderedByTheNumbersInTheirNamesAndABiasMayBeMissing() throws IOException {
        Map<String, double[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        // Layer "10" comes after layer "2", even though it sorts first as text; "10" has no bias.
        tensors.put("net.10.weight", new double[] {1, 2, 3});
        shapes.put("net.10.weight", new long[] {1, 3});
        tensors.put("net.2.weight", new double[] {1, 0, 0, 1, 1, 1});
        shapes.put("net.2.weight", new long[] {3, 2});
        tensors.put("net.2.bias", new double[] {0.5, -0.5, 0});
        shapes.put("net.2.bias", new long[] {3});
        Path file = folder.resolve("odd.safetensors");
        Files.write(file, safetensors(tensors, shapes));
        Network network = TorchSequential.toNetwork(SafetensorsFile.read(file), List.of(2, 3, 1),
                List.of(Activations.IDENTITY, Activations.IDENTITY), Precision.FLOAT64);
        // x = (1, 2): hidden = (1.5, 1.5, 3), out = 1.5 + 3 + 9.
        assertThat(network.predict(1, 2)).containsExactly(13.5);
    }

    @Test
    void aTensorThatIsNoLinearLayerIsRefused() throws IOException {
        Map<String, double[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.put("0.weight", new double[] {1, 2});
        shapes.put("0.weight", new long[] {1, 2});
        tensors.put("1.running_mean", new double[] {0});
        shapes.put("1.running_mean", new long[] {1});
        Path file = folder.resolve("bn.safetensors");
        Files.write(file, safetensors(tensors, shapes));
        assertThatThrownBy(() -> TorchSequential.toNetwork(SafetensorsFile.read(file), List.of(),
                List.of(Activations.RELU), Precision.FLOAT64)).hasMessageContaining("Layer '1' is a BatchNorm layer")
                .hasMessageContaining("1.running_mean");
    }

    @Test
    void hugeClaimedShapesAndOffsetsPastTheEndAreRefusedBeforeAllocating() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,8]}}";
        Path huge = folder.resolve("huge.safetensors");
        Files.write(huge, withHeader(header, new byte[8]));
        assertThatThrownBy(() -> SafetensorsFile.read(huge)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("more than the 8-byte data section holds");
        String past = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        Path short1 = folder.resolve("short.safetensors");
        Files.write(short1, withHeader(past, new byte[8]));
        assertThatThrownBy(() -> SafetensorsFile.read(short1)).hasMessageContaining("more than");
        String complex = "{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        Path unknown = folder.resolve("complex.safetensors");
        Files.write(unknown, withHeader(complex, new byte[8]));
        assertThatThrownBy(() -> SafetensorsFile.read(unknown)).hasMessageContaining("dtype C64");
    }

    @Test
    void halfPrecisionValuesAreReadExactly() {
        assertThat(SafetensorsFile.halfToDouble((short) 0x3C00)).isEqualTo(1.0);
        assertThat(SafetensorsFile.halfToDouble((short) 0xC000)).isEqualTo(-2.0);
        assertThat(SafetensorsFile.halfToDouble((short) 0x3555)).isEqualTo(0.333251953125);
        assertThat(SafetensorsFile.halfToDouble((short) 0x0001)).isEqualTo(Math.scalb(1.0, -24));
        assertThat(SafetensorsFile.halfToDouble((short) 0x7C00)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    private static byte[] withHeader(String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text).put(data);
        return b.array();
    }

    /** A float64 safetensors file, written the way the format describes it. */
    private static byte[] safetensors(Map<String, double[]> tensors, Map<String, long[]> shapes) {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        List<double[]> order = new ArrayList<>();
        for (Map.Entry<String, double[]> e : tensors.entrySet()) {
            long end = offset + 8L * e.getValue().length;
            StringBuilder shape = new StringBuilder();
            for (long s : shapes.get(e.getKey())) {
                shape.append(shape.length() == 0 ? "" : ",").append(s);
            }
            header.append(header.length() == 1 ? "" : ",").append('"').append(e.getKey())
                    .append("\":{\"dtype\":\"F64\",\"shape\":[").append(shape).append("],\"data_offsets\":[")
                    .append(offset).append(',').append(end).append("]}");
            order.add(e.getValue());
            offset = end;
        }
        header.append('}');
        ByteBuffer data = ByteBuffer.allocate((int) offset).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] values : order) {
            for (double v : values) {
                data.putDouble(v);
            }
        }
        return withHeader(header.toString(), data.array());
    }
}
