package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

/** export, import and split refuse to write over the file they read, as train does, and leave it whole. */
class OutputOverInputTest {

    @TempDir
    Path folder;

    @Test
    void exportOntoItsOwnModelIsRefusedAndTheModelStaysWhole() throws IOException {
        Path model = folder.resolve("m.nn4j");
        ModelFile.write(Network.builder(2).dense(1, Activations.SIGMOID)
                .build(Initializers.XAVIER, RandomSource.seeded(1)), Map.of(), model);
        byte[] before = Files.readAllBytes(model);
        Path link = folder.resolve("link.onnx");
        Files.createSymbolicLink(link, model);
        for (Path target : new Path[] {model, link, folder.resolve("./m.nn4j")}) {
            CliRun run = CliRun.of("", "export", model.toString(), "--onnx", target.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("nn4j: --onnx " + target + " is a file this command reads; writing it"
                    + " would destroy it");
            assertThat(Files.readAllBytes(model)).isEqualTo(before);
        }
    }

    @Test
    void importOntoItsOwnSafetensorsFileIsRefusedAndTheFileStaysWhole() throws IOException {
        Path weights = folder.resolve("w.safetensors");
        Files.copy(Path.of("..", "interop", "fixtures", "torch_mlp_f32.safetensors"), weights);
        byte[] before = Files.readAllBytes(weights);
        CliRun run = CliRun.of("", "import", "--safetensors", weights.toString(), "--save", weights.toString(),
                "--sizes", "4,16,8,3", "--activation", "relu,tanh,softmax");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--save " + weights + " is a file this command reads");
        assertThat(Files.readAllBytes(weights)).isEqualTo(before);
    }

    @Test
    void splitIntoTheFolderOfATableNamedTrainCsvIsRefusedAndTheTableStaysWhole() throws IOException {
        Path table = folder.resolve("train.csv");
        StringBuilder rows = new StringBuilder("a,label\n");
        for (int i = 0; i < 30; i++) {
            rows.append(i).append(',').append(i % 2).append('\n');
        }
        Files.writeString(table, rows);
        CliRun run = CliRun.of("", "split", "--data", table.toString(), "--label", "label", "--out",
                folder.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + table + " is a file this command reads");
        assertThat(Files.readString(table)).isEqualTo(rows.toString());
    }
}
