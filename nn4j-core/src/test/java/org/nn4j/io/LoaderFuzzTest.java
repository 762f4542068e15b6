package org.nn4j.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
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
