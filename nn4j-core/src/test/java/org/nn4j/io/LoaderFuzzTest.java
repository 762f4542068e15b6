package org.nn4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the model and checkpoint loaders: whatever the bytes, loading either succeeds or
 * refuses them with an {@link IllegalArgumentException} that names the problem; any other exception, an
 * allocation beyond what the bytes justify (the fuzzer's heap is bounded), or a hang is a finding. The seed inputs
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
}
