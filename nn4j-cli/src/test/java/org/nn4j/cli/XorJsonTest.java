package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Network;

/** {@code nn4j xor --json} prints the run as one object at full precision; --init/--from records the file. */
class XorJsonTest {

    @TempDir
    Path folder;

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsEveryReportedLossAtFullPrecisionTheTruthTableAndTheSettings() throws IOException {
        Path model = folder.resolve("x.nn4j");
        CliRun run = CliRun.of("", "xor", "--json", "--epochs", "30", "--every", "10", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        Map<String, Object> json = (Map<String, Object>) Json.parse(run.out());
        List<Map<String, Object>> history = (List<Map<String, Object>>) json.get("history");
        assertThat(history).extracting(h -> h.get("epoch")).containsExactly(10L, 20L, 30L);
        Map<String, Object> settings = (Map<String, Object>) json.get("settings");
        assertThat(settings).containsEntry("learning_rate", 0.5).containsEntry("seed", "1")
                .containsEntry("network", "2-16-1 (relu, sigmoid)");
        // The last loss is the saved model's final_loss, to the last bit, not rounded to four decimals.
        double last = (Double) history.get(2).get("loss");
        assertThat(Double.parseDouble(ModelFile.read(model).training().get("final_loss"))).isEqualTo(last);
        List<Map<String, Object>> table = (List<Map<String, Object>>) json.get("truth_table");
        Network network = ModelFile.read(model).network();
        assertThat(table).hasSize(4);
        assertThat((Double) table.get(1).get("prediction")).isEqualTo(network.predict(0, 1)[0]);
        assertThat(json).containsEntry("learned_xor", true);
    }

    @Test
    void startingFromAFileRecordsTheFileNotThePresetsSeedAndInitialiser() throws IOException,
            NoSuchAlgorithmException {
        Path first = folder.resolve("first.nn4j");
        assertThat(CliRun.of("", "xor", "--no-prompt", "--epochs", "10", "--save", first.toString()).exitCode())
                .isZero();
        Path second = folder.resolve("second.nn4j");
        CliRun run = CliRun.of("", "xor", "--no-prompt", "--init", first.toString(), "--epochs", "10", "--save",
                second.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> record = ModelFile.read(second).training();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(first)));
        assertThat(record).containsEntry("started_from", "first.nn4j (sha256 " + sha + ")")
                .doesNotContainKeys("seed", "initializer");
    }
}
