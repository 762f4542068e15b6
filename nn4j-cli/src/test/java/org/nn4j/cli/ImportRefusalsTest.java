package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code nn4j import} says about state dicts it cannot take as they are: a layer it does not support, layers
 * whose order the names do not give, and a mix of float64 and float32 tensors.
 */
class ImportRefusalsTest {

    @TempDir
    Path folder;

    @Test
    void aBatchNormLayerIsNamedAsUnsupportedNotCalledAnInvalidFile() throws IOException {
        Path file = safetensors("bn.safetensors",
                tensor("0.weight", "F32", 3, 2), tensor("0.bias", "F32", 3),
                tensor("1.weight", "F32", 3), tensor("1.bias", "F32", 3),
                tensor("1.running_mean", "F32", 3), tensor("1.running_var", "F32", 3),
                tensor("1.num_batches_tracked", "I64"),
                tensor("2.weight", "F32", 1, 3), tensor("2.bias", "F32", 1));
        CliRun run = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "relu,identity",
                "--save", folder.resolve("m.nn4j").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Layer '1' is a BatchNorm layer").contains("1.num_batches_tracked")
                .doesNotContain("not a valid safetensors file").doesNotContain("Exception");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void layersWithoutNumbersInTheirNamesNeedAnOrder() throws IOException {
        // Alphabetically decoder comes first, which would chain 3 -> 2 -> 3 the wrong way round.
        Path file = safetensors("autoencoder.safetensors",
                tensor("encoder.weight", "F32", 2, 3), tensor("encoder.bias", "F32", 2),
                tensor("decoder.weight", "F32", 3, 2), tensor("decoder.bias", "F32", 3));
        String save = folder.resolve("m.nn4j").toString();
        CliRun ambiguous = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "relu,identity",
                "--save", save);
        assertThat(ambiguous.exitCode()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("the order is ambiguous").contains("--order");
        assertThat(Files.exists(Path.of(save))).isFalse();

        CliRun ordered = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "relu,identity",
                "--order", "encoder,decoder", "--save", save);
        assertThat(ordered.exitCode()).as(ordered.err()).isZero();
        assertThat(ordered.out()).contains("3-2-3");

        CliRun wrong = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "relu,identity",
                "--order", "encoder,middle", "--save", save);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("should name each Linear layer of the file once: decoder, encoder");
    }

    @Test
    void numbersInsideNamesOrderTheLayers() throws IOException {
        Path file = safetensors("fc.safetensors",
                tensor("fc10.weight", "F32", 1, 2), tensor("fc2.weight", "F32", 2, 3));
        CliRun run = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "relu,identity",
                "--save", folder.resolve("m.nn4j").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3-2-1");
    }

    @Test
    void mixingFloat64AndFloat32TensorsWarnsThatTheyBecomeFloat32() throws IOException {
        Path file = safetensors("mixed.safetensors",
                tensor("0.weight", "F64", 2, 3), tensor("0.bias", "F32", 2));
        CliRun run = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "identity",
                "--save", folder.resolve("m.nn4j").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning").contains("mixes F64 tensors (0.weight)").contains("float32")
                .contains("--precision float64");
        assertThat(run.out()).contains("float32");

        CliRun kept = CliRun.of("", "import", "--safetensors", file.toString(), "--activation", "identity",
                "--precision", "float64", "--save", folder.resolve("m64.nn4j").toString());
        assertThat(kept.exitCode()).as(kept.err()).isZero();
        assertThat(kept.err()).doesNotContain("warning");
    }

    private record Spec(String name, String dtype, long[] shape) {

        int bytes() {
            long count = 1;
            for (long s : shape) {
                count *= s;
            }
            return (int) count * switch (dtype) {
                case "F64", "I64" -> 8;
                default -> 4;
            };
        }
    }

    private static Spec tensor(String name, String dtype, long... shape) {
        return new Spec(name, dtype, shape);
    }

    /** A safetensors file of the given tensors, all values 0.25 (or 1 for integers), laid out one after another. */
    private Path safetensors(String name, Spec... tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        int offset = 0;
        for (Spec t : tensors) {
            StringBuilder shape = new StringBuilder();
            for (long s : t.shape()) {
                shape.append(shape.length() == 0 ? "" : ",").append(s);
            }
            header.append(offset == 0 && header.length() == 1 ? "" : ",").append('"').append(t.name())
                    .append("\":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[").append(shape)
                    .append("],\"data_offsets\":[").append(offset).append(',').append(offset + t.bytes()).append("]}");
            offset += t.bytes();
        }
        byte[] text = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length + offset).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text);
        for (Spec t : tensors) {
            int width = t.dtype().endsWith("64") ? 8 : 4;
            for (int i = 0; i < t.bytes() / width; i++) {
                switch (t.dtype()) {
                    case "F64" -> b.putDouble(0.25);
                    case "I64" -> b.putLong(1);
                    default -> b.putFloat(0.25f);
                }
            }
        }
        Path file = folder.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
