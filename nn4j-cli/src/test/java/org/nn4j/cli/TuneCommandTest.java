package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.nn.Dense;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Precision;

/** {@code nn4j tune} through the real command line, on small searches. */
class TuneCommandTest {

    /** Five trials, rungs of 2, 6 and 12 epochs: 5, 2 (or 3 with trial 1) and 1 (or 2) trials. */
    private static final String[] SMALL = {"tune", "--dataset", "iris", "--trials", "5", "--epochs", "12",
        "--min-epochs", "2", "--early-stopping", "0"};

    private final int threadsBefore = Kernels.threads();

    @TempDir
    Path folder;

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(threadsBefore);
    }

    private static CliRun tune(String... more) {
        String[] args = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, args, 0, SMALL.length);
        System.arraycopy(more, 0, args, SMALL.length, more.length);
        CliRun run = CliRun.of("", args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /** The results table without its time column, which varies from run to run. */
    private static List<String> tableWithoutTimes(String out) {
        return out.lines().dropWhile(l -> !l.startsWith("rank")).takeWhile(l -> !l.isBlank())
                .map(l -> l.replaceAll("\\s+\\d+\\.\\d s$", "")).toList();
    }

    @Test
    void printsEachRungAndTheTrialsRankedWithTheirSettingsScoresEpochsAndTimes() {
        String out = tune().out();
        assertThat(out).contains("Search: 5 trials, rungs of 2, 6, 12 epochs (eta 3: each rung's best 1/3 and"
                + " trial 1, the defaults, go on)")
                .contains("Rung 1: 5 trials to 2 epochs, best trial ").contains("; 3 go on")
                .contains("Rung 3: 2 trials to 12 epochs").contains("Test set (30 rows):");
        List<String> table = tableWithoutTimes(out);
        assertThat(table.get(0).split("\\s+")).containsExactly("rank", "trial", "lr", "hidden", "activation",
                "dropout", "l2", "batch", "optimizer", "init", "val_loss", "val_accuracy", "epochs", "time");
        assertThat(table).hasSize(6);
        // The winner and trial 1 trained all 12 epochs, the third stopped at the 6-epoch rung, the rest at the first.
        assertThat(table.subList(1, 6)).extracting(l -> l.split("\\s+")[12])
                .containsExactly("12", "12", "6", "2", "2");
        assertThat(table.subList(1, 6).stream().filter(l -> l.split("\\s+")[1].equals("1")).findFirst()
                .orElseThrow().split("\\s+")[12]).isEqualTo("12");
        assertThat(table.subList(1, 6)).extracting(l -> l.split("\\s+")[0]).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void theSameSeedGivesTheSameTrialsAndWinnerOnOneThreadOrTwo() {
        List<String> one = tableWithoutTimes(tune("--threads", "1").out());
        List<String> two = tableWithoutTimes(tune("--threads", "2").out());
        List<String> otherSeed = tableWithoutTimes(tune("--seed", "7").out());
        assertThat(two).isEqualTo(one);
        assertThat(otherSeed).isNotEqualTo(one);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHoldsTheSameRankingAndTheWinnersTestMetrics() {
        List<String> table = tableWithoutTimes(tune().out());
        CliRun run = tune("--json");
        assertThat(run.out().lines().count()).isEqualTo(1);
        Map<String, Object> json = (Map<String, Object>) Json.parse(run.out());
        assertThat(json.get("rungs")).isEqualTo(List.of(2L, 6L, 12L));
        List<Map<String, Object>> results = (List<Map<String, Object>>) json.get("results");
        assertThat(results).extracting(r -> ((Number) r.get("trial")).intValue())
                .containsExactlyElementsOf(table.subList(1, 6).stream()
                        .map(l -> Integer.parseInt(l.split("\\s+")[1])).toList());
        assertThat((Map<String, Object>) results.get(0).get("settings")).containsKeys("lr", "hidden", "activation",
                "dropout", "l2", "batch", "optimizer", "init");
        assertThat((Map<String, Object>) json.get("test")).containsKey("accuracy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSavedWinnerRecordsThatItCameFromTuneAndItsTrialsSettings() throws IOException {
        Path model = folder.resolve("best.nn4j");
        CliRun run = tune("--json", "--save", model.toString());
        Map<String, Object> json = (Map<String, Object>) Json.parse(run.out());
        Map<String, Object> best = ((List<Map<String, Object>>) json.get("results")).get(0);
        SavedModel saved = ModelFile.read(model);
        Map<String, String> training = saved.training();
        assertThat(training).containsEntry("trained_by", "nn4j tune")
                .containsEntry("tune_trial", String.valueOf(((Number) best.get("trial")).intValue()))
                .containsEntry("tune_trials", "5")
                .containsEntry("tune_scored_on", "5-fold cross-validation")
                .containsEntry("data", "iris").containsEntry("label", "species");
        assertThat(Json.parse(training.get("tune_settings"))).isEqualTo(best.get("settings"));
        String hidden = (String) ((Map<String, Object>) best.get("settings")).get("hidden");
        List<Dense> layers = saved.network().layers();
        assertThat(layers.subList(0, layers.size() - 1)).extracting(Dense::units)
                .containsExactlyElementsOf(List.of(hidden.split(",")).stream().map(Integer::valueOf).toList());
        // The model file's test accuracy (to 6 places) is the one the search reported.
        assertThat(Double.parseDouble(training.get("test_accuracy"))).isCloseTo(((Number) ((Map<String, Object>)
                json.get("test")).get("accuracy")).doubleValue(), within(5e-7));
    }

    @Test
    void theTrialsTrainInFloat32UnlessFloat64IsAsked() throws IOException {
        Path float32 = folder.resolve("f32.nn4j");
        tune("--save", float32.toString());
        assertThat(ModelFile.read(float32).network().precision()).isEqualTo(Precision.FLOAT32);
        Path float64 = folder.resolve("f64.nn4j");
        tune("--precision", "float64", "--save", float64.toString());
        assertThat(ModelFile.read(float64).network().precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void optionsThatCannotMakeASearchAreUsageErrorsBeforeAnyDataIsRead() {
        String missing = folder.resolve("missing.csv").toString();
        String[][] mistakes = {{"--trials", "0", "--trials takes 1 or more, got 0"},
            {"--eta", "1", "eta must be 2 or more"},
            {"--min-epochs", "50", "The most epochs (12) must be at least the first rung's (50)"},
            {"--validation", "0", "tune scores its trials on the validation rows"},
            {"--threads", "0", "--threads takes 1 or more, got 0"},
            {"--folds", "1", "--folds takes auto, off or a number of folds (2 or more), got '1'"},
            {"--folds", "five", "--folds takes auto, off or a number of folds (2 or more), got 'five'"}};
        for (String[] mistake : mistakes) {
            CliRun run = CliRun.of("", "tune", "--data", missing, "--label", "species", "--epochs", "12",
                    mistake[0], mistake[1]);
            assertThat(run.exitCode()).as(mistake[0]).isEqualTo(2);
            assertThat(run.err()).contains(mistake[2]);
        }
        CliRun typo = CliRun.of("", "tune", "--dataset", "digts");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean 'digits'");
    }

    @Test
    void foldsRankTheTrialsByCrossValidationAndSaySo() {
        String holdout = tune("--folds", "off").out();
        assertThat(holdout).doesNotContain("cross-validation").contains(" on the validation rows; the defaults");
        String out = tune("--folds", "3").out();
        assertThat(out).contains("early stopping off, each scored by 3-fold cross-validation, ")
                .contains(" over the 3 folds; the defaults (trial 1)").contains("Test set (30 rows):");
        assertThat(tableWithoutTimes(out)).hasSize(6).isNotEqualTo(tableWithoutTimes(holdout));
    }

    @Test
    void aSmallTableIsScoredByFiveFoldsUnaskedAndALargerOneOnItsValidationRows() throws IOException {
        String small = tune().out();
        assertThat(small).contains("each scored by 5-fold cross-validation (--folds auto: 150 rows, at most 2000)")
                .contains(" over the 5 folds; the defaults (trial 1)");
        assertThat(tableWithoutTimes(small)).isEqualTo(tableWithoutTimes(tune("--folds", "5").out()));

        // 2,001 rows of a noisy line: one more than a small table.
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 2_001; i++) {
            csv.append(i % 97 / 97.0).append(',').append(i % 97 / 48.5 + (i % 7) / 70.0).append('\n');
        }
        Path table = folder.resolve("line.csv");
        java.nio.file.Files.writeString(table, csv);
        CliRun run = CliRun.of("", "tune", "--data", table.toString(), "--label", "y", "--trials", "2",
                "--epochs", "1", "--min-epochs", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(", each scored on the validation rows (--folds auto: 2001 rows, more than"
                + " 2000)").contains(" on the validation rows; the defaults (trial 1)");
    }

    @Test
    void classWeightWeighsTheLossEveryTrialIsScoredBy() {
        List<String> plain = tableWithoutTimes(tune().out());
        List<String> weighted = tableWithoutTimes(tune("--class-weight", "1,1,5").out());
        assertThat(weighted).hasSize(6).isNotEqualTo(plain);
    }
}
