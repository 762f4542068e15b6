package org.nn4j.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the model and checkpoint loaders: whatever the bytes, loading either succeeds or
 * refuses them with an {@link IllegalArgumentException} that names the problem; any other exception, an
 * allocation beyond what the bytes justify (the fuzzer's heap is bounded), or a hang is a finding.
 * {@link #mutatedHeaders} edits the JSON header of valid files and recomputes their checksum, so that its inputs
 * reach the parsers behind the checksum, which random bytes almost never do. The seed inputs
 * under {@code src/test/resources/org/nn4j/io/LoaderFuzzTestInputs} run with every build; {@code .ci/run} fuzzes
 * each target for a bounded time.
 */
class LoaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void modelFiles(byte[] bytes) {
        try {
            SavedModel model = ModelFile.decode(bytes);
            // What loads must also predict.
            model.network().predict(new double[model.network().inputs()]);
        } catch (IllegalArgumentException refused) {
            // A clear refusal is the expected outcome for almost all inputs.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void checkpointFiles(byte[] bytes) {
        try {
            CheckpointFile.decode(bytes);
        } catch (IllegalArgumentException refused) {
            // As above.
        }
    }

    @FuzzTest(maxDuration = "60s")
    void safetensorsFiles(byte[] bytes) {
        try {
            SafetensorsFile.decode(bytes);
        } catch (IllegalArgumentException refused) {
            // As above.
        }
    }

    /**
     * Overlapping-range generator: safetensors files (and the nn4j checkpoint seed with its header rewritten) whose
     * tensors point anywhere in the data section, so that they alias, overlap, leave gaps or leave trailing bytes.
     * Whatever loads must have its tensors cover the data section exactly, so what it decodes is bounded by the
     * file's size.
     */
    @FuzzTest(maxDuration = "60s")
    void overlappingRanges(FuzzedDataProvider data) {
        int dataLength = 4 * data.consumeInt(0, 256);
        int count = data.consumeInt(0, 2000);
        Map<String, Object> header = new LinkedHashMap<>();
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            int begin = 4 * data.consumeInt(0, dataLength / 4);
            int end = 4 * data.consumeInt(begin / 4, dataLength / 4);
            header.put("t" + i, tensorEntry(begin, end));
        }
        byte[] file = safetensors(header, new byte[dataLength]);
        try {
            long decoded = 0;
            for (SafetensorsFile.Tensor t : SafetensorsFile.decode(file).values()) {
                decoded += 4L * t.values().length;
            }
            if (decoded != dataLength) {
                throw new IllegalStateException("loaded tensors of " + decoded + " bytes from a data section of "
                        + dataLength);
            }
        } catch (IllegalArgumentException refused) {
            // Ranges that do not tile the data section are refused.
        }
    }

    /** The same generator on a real checkpoint: its tensors given ranges drawn from the fuzzer's bytes. */
    @FuzzTest(maxDuration = "60s")
    void overlappingCheckpointRanges(FuzzedDataProvider data) throws java.io.IOException {
        byte[] checkpoint = Files.readAllBytes(CHECKPOINT_SEED);
        long headerLength = ByteBuffer.wrap(checkpoint).order(ByteOrder.LITTLE_ENDIAN).getLong();
        @SuppressWarnings("unchecked")
        Map<String, Object> header = new LinkedHashMap<>((Map<String, Object>) Json.parse(
                new String(checkpoint, 8, (int) headerLength, StandardCharsets.UTF_8)));
        byte[] section = java.util.Arrays.copyOfRange(checkpoint, 8 + (int) headerLength, checkpoint.length);
        List<String> names = new ArrayList<>(header.keySet());
        names.remove("__metadata__");
        int copies = data.consumeInt(0, 1000);
        for (int i = 0; i < copies; i++) {
            header.put("optimizer.copy" + i, header.get(names.get(data.consumeInt(0, names.size() - 1))));
        }
        for (String name : names) {
            if (data.consumeBoolean()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) header.get(name));
                List<?> offsets = (List<?>) entry.get("data_offsets");
                long length = (Long) offsets.get(1) - (Long) offsets.get(0);
                long begin = data.consumeLong(0, Math.max(0, section.length - length));
                entry.put("data_offsets", List.of(begin, begin + length));
                header.put(name, entry);
            }
        }
        try {
            CheckpointFile.decode(safetensors(header, section));
            if (copies > 0) {
                throw new IllegalStateException("a checkpoint with " + copies + " aliased tensors loaded");
            }
        } catch (IllegalArgumentException refused) {
            // As above.
        }
    }

    private static final Path CHECKPOINT_SEED = Path.of("src", "test", "resources", "org", "nn4j", "io",
            "LoaderFuzzTestInputs", "checkpointFiles", "xor");

    private static Map<String, Object> tensorEntry(long begin, long end) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("dtype", "F32");
        entry.put("shape", List.of((end - begin) / 4));
        entry.put("data_offsets", List.of(begin, end));
        return entry;
    }

    private static byte[] safetensors(Map<String, Object> header, byte[] section) {
        byte[] text = Json.write(header).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length + section.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(text.length).put(text).put(section).array();
    }

    @FuzzTest(maxDuration = "60s")
    void mutatedHeaders(FuzzedDataProvider data) {
        boolean model = data.consumeBoolean();
        int at = data.consumeInt();
        int length = data.consumeInt();
        loadsOrRefuses(model, HeaderMutation.mutate(model ? HeaderMutation.MODEL : HeaderMutation.CHECKPOINT, at,
                length, data.consumeRemainingAsString()));
    }

    /** The same generator with every build: seeded, so a failure repeats. */
    @Test
    void mutatedHeadersFromASeededGeneratorLoadOrAreRefused() {
        Random random = new Random(14);
        String alphabet = "{}[]\",:0123456789.-eE+ nulltruefalse\\u00ffNaN";
        for (int i = 0; i < 1500; i++) {
            StringBuilder insert = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                insert.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            boolean model = random.nextBoolean();
            loadsOrRefuses(model, HeaderMutation.mutate(model ? HeaderMutation.MODEL : HeaderMutation.CHECKPOINT,
                    random.nextInt(), random.nextInt(), insert.toString()));
        }
    }

    private void loadsOrRefuses(boolean model, byte[] bytes) {
        if (model) {
            modelFiles(bytes);
        } else {
            checkpointFiles(bytes);
        }
    }
}
