package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;

/**
 * {@code --class-weight} on the command line: it changes what a seeded run on a 95:5 table learns, is recorded in
 * the model, and is refused (exit 2) when it is misspelt or does not fit the label; {@code evaluate} reports the
 * balanced accuracy and both areas.
 */
class ClassWeightCommandTest {

    private static final Pattern BALANCED_ACCURACY = Pattern.compile("Balanced accuracy: ([0-9.]+)");
    private static final Pattern RARE_RECALL = Pattern.compile("(?m)^rare +[0-9.]+ +([0-9.]+)");

    @TempDir
    Path folder;

    @Test
    void balancedWeightsRaiseTheRareClasssRecallAndAreRecordedInTheModel() throws IOException {
        Path csv = imbalancedBlobs(folder.resolve("rare.csv"));
        Path model = folder.resolve("balanced.nn4j");
        CliRun none = train(csv, "none", folder.resolve("none.nn4j"));
        CliRun balanced = train(csv, "balanced", model);

        assertThat(balanced.out()).contains("Class weights (balanced, from the training rows): common: 0.52",
                ", rare: 10.");
        assertThat(none.out()).doesNotContain("Class weights");
        assertThat(number(RARE_RECALL, balanced.out())).as("the rare class's recall, balanced against none")
                .isGreaterThan(number(RARE_RECALL, none.out()) + 0.2);
        assertThat(number(BALANCED_ACCURACY, balanced.out())).isGreaterThan(number(BALANCED_ACCURACY, none.out())
                + 0.05);
        assertThat(ModelFile.read(model).training()).containsKey("class_weight")
                .containsEntry("loss", "binary_cross_entropy");

        CliRun evaluate = CliRun.of("", "evaluate", model.toString(), "--data", csv.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("Balanced accuracy: ", "ROC AUC: ", "(of 'rare')",
                "PR AUC: ", "(average precision of 'rare')");
        CliRun json = CliRun.of("", "evaluate", model.toString(), "--data", csv.toString(), "--json");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(json.out());
        assertThat(parsed).containsKeys("balanced_accuracy", "roc_auc", "pr_auc");
        assertThat((double) parsed.get("roc_auc")).isBetween(0.5, 1.0);
    }

    @Test
    void aResumedRunKeepsItsClassWeights() throws IOException {
        Path csv = imbalancedBlobs(folder.resolve("rare.csv"));
        Path checkpoint = folder.resolve("run.ckpt");
        CliRun first = CliRun.of("", "train", "--data", csv.toString(), "--label", "label", "--epochs", "3",
                "--class-weight", "balanced", "--checkpoint-every", "1", "--checkpoint", checkpoint.toString(),
                "--quiet");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(CheckpointFile.read(checkpoint).command()).containsSequence("--class-weight", "balanced");
        // The checkpoint's settings hold the weights; a run without them would be refused as another run.
        CliRun resumed = CliRun.of("", "train", "--resume", checkpoint.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("--class-weight balanced", "Class weights (balanced");
    }

    @Test
    void aMisspeltWeightingIsRefusedBeforeTheDataAreRead() {
        CliRun run = CliRun.of("", "train", "--data", folder.resolve("absent.csv").toString(), "--label", "label",
                "--class-weight", "balanse");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("got 'balanse' (did you mean 'balanced'?)").doesNotContain("absent.csv");
    }

    @Test
    void aListThatDoesNotFitTheClassesIsAUsageError() throws IOException {
        Path csv = imbalancedBlobs(folder.resolve("rare.csv"));
        CliRun run = CliRun.of("", "train", "--data", csv.toString(), "--label", "label", "--class-weight", "1,2,3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("The class weight lists 3 weights, but 'label' has 2 classes (common, rare)");
        CliRun regression = CliRun.of("", "train", "--data", csv.toString(), "--label", "x1", "--class-weight",
                "balanced");
        assertThat(regression.exitCode()).isEqualTo(2);
        assertThat(regression.err()).contains("Class weights need a classification task");
    }

    private static CliRun train(Path csv, String weights, Path model) {
        CliRun run = CliRun.of("", "train", "--data", csv.toString(), "--label", "label", "--hidden", "16",
                "--epochs", "40", "--class-weight", weights, "--every", "40", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static double number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in:%n%s", pattern, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** 2000 rows, 5% of class 'rare' around (1.5, 1.5), the rest around (0, 0), spread 1; seeded. */
    static Path imbalancedBlobs(Path file) throws IOException {
        Random random = new Random(16);
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 2000; i++) {
            boolean rare = random.nextDouble() < 0.05;
            double centre = rare ? 1.5 : 0.0;
            csv.append(centre + random.nextGaussian()).append(',').append(centre + random.nextGaussian()).append(',')
                    .append(rare ? "rare" : "common").append('\n');
        }
        return Files.writeString(file, csv);
    }
}
