package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tensors of a safetensors file (and so of nn4j's model files and checkpoints) must cover the data section
 * exactly, one after another: entries that alias, overlap, leave gaps or leave trailing bytes unreferenced are
 * refused before anything is decoded, naming the file and the tensors.
 */
class TensorRangesTest {

    private static final Path FIXTURES = Path.of("..", "interop", "fixtures");
    private static final Path SEEDS = Path.of("src", "test", "resources", "org", "nn4j", "io", "LoaderFuzzTestInputs");

    @TempDir
    Path folder;

    @Test
    void thousandsOfEntriesAliasingTheSameBytesAreRefused() throws IOException {
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            header.append(i == 0 ? "" : ",").append("\"t").append(i)
                    .append("\":{\"dtype\":\"F16\",\"shape\":[512],\"data_offsets\":[0,1024]}");
        }
        Path file = write("alias.safetensors", header.append('}').toString(), new byte[1024]);
        assertThatThrownBy(() -> SafetensorsFile.read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("t0 [0, 1024] and t1 [0, 1024] overlap");
    }

    @Test
    void partlyOverlappingTensorsAreRefused() throws IOException {
        Path file = write("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertThatThrownBy(() -> SafetensorsFile.read(file)).hasMessageContaining("a [0, 8] and b [4, 12] overlap");
    }

    @Test
    void aGapBetweenTensorsIsRefusedEvenWhenListedOutOfOrder() throws IOException {
        Path file = write("gap.safetensors", "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[12]);
        assertThatThrownBy(() -> SafetensorsFile.read(file))
                .hasMessageContaining("bytes [4, 8] of the data section belong to no tensor (between a [0, 4] and"
                        + " b [8, 12])");
    }

    @Test
    void trailingBytesThatNoTensorReferencesAreRefused() throws IOException {
        Path file = write("trailing.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[4 + 1_000]);
        assertThatThrownBy(() -> SafetensorsFile.read(file))
                .hasMessageContaining("the last 1000 bytes of the 1004-byte data section (from byte 4, after a [0, 4])"
                        + " belong to no tensor");
    }

    @Test
    void tensorsListedOutOfOrderButContiguousAreRead() throws IOException {
        Path file = write("order.safetensors", "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1f, 2f));
        Map<String, SafetensorsFile.Tensor> tensors = SafetensorsFile.read(file);
        assertThat(tensors.keySet()).containsExactly("b", "e", "a");
        assertThat(tensors.get("a").values()).containsExactly(1.0);
        assertThat(tensors.get("b").values()).containsExactly(2.0);
    }

    @Test
    void theCommittedPyTorchAndNn4jFilesStillLoad() throws IOException {
        assertThat(SafetensorsFile.read(FIXTURES.resolve("torch_mlp_f32.safetensors"))).hasSize(6);
        assertThat(SafetensorsFile.read(FIXTURES.resolve("torch_mlp_f64.safetensors"))).hasSize(6);
        assertThat(ModelFile.read(FIXTURES.resolve("iris.nn4j")).network().inputs()).isEqualTo(4);
        assertThat(CheckpointFile.decode(Files.readAllBytes(SEEDS.resolve("checkpointFiles/xor")))).isNotNull();
    }

    @Test
    void aModelFileWhoseTensorsShareBytesIsRefused() throws IOException {
        byte[] model = Files.readAllBytes(FIXTURES.resolve("iris.nn4j"));
        Map<String, Object> header = header(model);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) header.get("layers.0.bias");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) header.get("layers.1.bias");
        long firstBegin = (Long) ((List<?>) first.get("data_offsets")).get(0);
        List<?> secondOffsets = (List<?>) second.get("data_offsets");
        long secondLength = (Long) secondOffsets.get(1) - (Long) secondOffsets.get(0);
        second.put("data_offsets", List.of(firstBegin, firstBegin + secondLength));
        assertThatThrownBy(() -> ModelFile.decode(withHeader(model, header)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers.1.bias [" + firstBegin + ", ").hasMessageContaining("overlap");
    }

    @Test
    void aCheckpointWithAliasedCopiesOfATensorIsRefused() throws IOException {
        byte[] checkpoint = Files.readAllBytes(SEEDS.resolve("checkpointFiles/xor"));
        Map<String, Object> header = header(checkpoint);
        Object weight = header.get("layers.0.weight");
        for (int i = 0; i < 1000; i++) {
            header.put("optimizer.alias" + i, weight);
        }
        assertThatThrownBy(() -> CheckpointFile.decode(withHeader(checkpoint, header)))
                .hasMessageContaining("overlap");
    }

    private Path write(String name, String header, byte[] data) throws IOException {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text).put(data);
        Path file = folder.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(byte[] file) {
        long length = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new LinkedHashMap<>((Map<String, Object>) Json.parse(
                new String(file, 8, (int) length, StandardCharsets.UTF_8)));
    }

    /** The same data section under a new header. */
    private static byte[] withHeader(byte[] file, Map<String, Object> header) {
        long length = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = Arrays.copyOfRange(file, 8 + (int) length, file.length);
        byte[] text = Json.write(header).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length).put(text).put(data).array();
    }
}
