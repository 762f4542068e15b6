package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;

/** {@code nn4j import} on the PyTorch fixtures of {@code interop/}, then {@code nn4j predict} on the result. */
class ImportCommandTest {

    private static final Path FIXTURES = Path.of("..", "interop", "fixtures");

    @TempDir
    Path folder;

    @Test
    @SuppressWarnings("unchecked")
    void anImportedPyTorchNetworkPredictsWhatPyTorchRecorded() throws IOException {
        Path model = folder.resolve("torch.nn4j");
        CliRun run = CliRun.of("", "import", "--safetensors", FIXTURES.resolve("torch_mlp_f32.safetensors").toString(),
                "--sizes", "4,16,8,3", "--activation", "relu,tanh,softmax", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4-16-8-3 (relu, tanh, softmax) float32").contains("Saved the model");

        Map<String, Object> fixture = (Map<String, Object>) Json.parse(
                Files.readString(FIXTURES.resolve("torch_mlp_f32.json"), StandardCharsets.UTF_8));
        List<List<Number>> inputs = (List<List<Number>>) fixture.get("inputs");
        List<List<Number>> outputs = (List<List<Number>>) fixture.get("outputs");
        StringBuilder csv = new StringBuilder();
        for (List<Number> row : inputs) {
            csv.append(String.join(",", row.stream().map(Object::toString).toList())).append('\n');
        }
        CliRun predicted = CliRun.of(csv.toString(), "predict", model.toString(), "--input", "-");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        String[] lines = predicted.out().trim().split("\n");
        assertThat(lines).hasSize(inputs.size());
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            for (int j = 0; j < cells.length; j++) {
                double expected = outputs.get(i).get(j).doubleValue();
                assertThat(Double.parseDouble(cells[j])).isCloseTo(expected,
                        org.assertj.core.api.Assertions.within(1e-5 * Math.max(Math.abs(expected), 1e-3)));
            }
        }
    }

    @Test
    void mistakesGetOneLineAndANonZeroExit() {
        String file = FIXTURES.resolve("torch_mlp_f32.safetensors").toString();
        String save = folder.resolve("m.nn4j").toString();
        CliRun count = CliRun.of("", "import", "--safetensors", file, "--activation", "relu", "--save", save);
        assertThat(count.exitCode()).isEqualTo(1);
        assertThat(count.err()).contains("3 Linear layers").contains("got 1").doesNotContain("Exception");

        CliRun unknown = CliRun.of("", "import", "--safetensors", file, "--activation", "relu,swish,softmax",
                "--save", save);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown activation 'swish'");

        CliRun sizes = CliRun.of("", "import", "--safetensors", file, "--sizes", "4,16,3",
                "--activation", "relu,tanh,softmax", "--save", save);
        assertThat(sizes.exitCode()).isEqualTo(1);
        assertThat(sizes.err()).contains("4,16,3").contains("4,16,8,3");

        CliRun missing = CliRun.of("", "import", "--safetensors", folder.resolve("none.safetensors").toString(),
                "--activation", "relu", "--save", save);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");
        assertThat(Files.exists(folder.resolve("m.nn4j"))).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("torch_mlp_f32.safetensors"));
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong();
        Map<String, Object> header = (Map<String, Object>) Json.parse(new String(bytes, 8, headerLength,
                StandardCharsets.UTF_8));
        String tensor = header.keySet().stream().filter(k -> k.endsWith(".weight")).sorted().findFirst().orElseThrow();
        long begin = (Long) ((List<Object>) ((Map<String, Object>) header.get(tensor)).get("data_offsets")).get(0);
        buffer.putFloat(8 + headerLength + (int) begin + 4 * 5, Float.NaN);
        Path broken = Files.write(folder.resolve("nan.safetensors"), bytes);

        CliRun run = CliRun.of("", "import", "--safetensors", broken.toString(), "--activation", "relu,tanh,softmax",
                "--save", folder.resolve("m.nn4j").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(tensor + " holds NaN at position 5").doesNotContain("Exception");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(Files.exists(folder.resolve("m.nn4j"))).isFalse();
    }
}
