package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;

/** {@code nn4j train --optimizer lbfgs}: one batch of all training rows, its settings shown and saved. */
class TrainLbfgsTest {

    @TempDir
    Path folder;

    @Test
    void trainsOnOneBatchOfAllRowsAndRecordsItsSettingsInTheModel() throws Exception {
        Path model = folder.resolve("iris.nn4j");
        CliRun run = CliRun.of("", "train", "--dataset", "iris", "--optimizer", "lbfgs", "--line-search",
                "strong_wolfe", "--lbfgs-history", "10", "--epochs", "10", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String optimizer = "lbfgs(lr=1.0, max_iter=20, history_size=10, line_search=strong_wolfe)";
        assertThat(run.out()).contains("batch size 105 (full batch)").contains("optimizer " + optimizer);
        assertThat(ModelFile.read(model).training()).containsEntry("optimizer", optimizer)
                .containsEntry("batch_size", "105 (full batch)");
    }

    @Test
    void refusesAMiniBatchSize() {
        CliRun run = CliRun.of("", "train", "--dataset", "iris", "--optimizer", "lbfgs", "--batch", "16");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--optimizer lbfgs takes one batch of all training rows; leave out --batch 16");
    }

    @Test
    void refusesLbfgsOptionsForAnotherOptimizerAndAnUnknownLineSearch() {
        CliRun other = CliRun.of("", "train", "--dataset", "iris", "--line-search", "strong_wolfe");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("--line-search applies to --optimizer lbfgs, not adam (the default)");
        CliRun unknown = CliRun.of("", "train", "--dataset", "iris", "--optimizer", "lbfgs", "--line-search",
                "strong-wolfe");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown line search 'strong-wolfe'").contains("strong_wolfe");
    }
}
