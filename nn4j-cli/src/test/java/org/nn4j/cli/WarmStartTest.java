package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Network;

/** {@code train --from MODEL} starts from a saved model's weights, and refuses a network of another shape. */
class WarmStartTest {

    @TempDir
    Path folder;

    private Path trainFirst() {
        Path first = folder.resolve("first.nn4j");
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "--samples", "200", "--hidden", "8",
                "--epochs", "20", "--seed", "3", "--save", first.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return first;
    }

    @Test
    void aWarmStartBeginsWithTheSavedWeightsAndRecordsTheFile() throws IOException {
        Path first = trainFirst();
        Path second = folder.resolve("second.nn4j");
        // A step far below the weights' precision changes none of them: what is saved is what was loaded.
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "--samples", "200", "--hidden", "8",
                "--epochs", "1", "--seed", "9", "--optimizer", "sgd", "--lr", "1e-300", "--from", first.toString(),
                "--save", second.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Starting from the weights of " + first + ".");
        Network a = ModelFile.read(first).network();
        SavedModel b = ModelFile.read(second);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(b.network().parameters().get(i).value().sameBits(a.parameters().get(i).value()))
                    .as(a.parameters().get(i).name()).isTrue();
        }
        assertThat(b.training().get("started_from")).startsWith("first.nn4j (sha256 ").hasSize(
                "first.nn4j (sha256 )".length() + 64);
    }

    @Test
    void aModelOfAnotherShapeIsRefusedInOneLineNamingBoth() {
        Path first = trainFirst();
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "--samples", "200", "--hidden", "4",
                "--from", first.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("nn4j: --from " + first + " holds a 2-8-1 (relu, sigmoid) float32"
                + " network, but these data and options make a 2-4-1 (relu, sigmoid) float32 one; give the --hidden and"
                + " --activation it was trained with ('nn4j summary " + first + "' shows them)");
        assertThat(run.out()).doesNotContain("Epoch");
    }
}
