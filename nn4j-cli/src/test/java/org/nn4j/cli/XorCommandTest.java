package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XorCommandTest {

    @TempDir
    Path folder;

    @Test
    void trainsPrintsTheTruthTableAndAnswersThePrompt() {
        CliRun run = CliRun.of("0\n1\n1 1\nquit\n", "xor");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Epoch 50, Loss: ", "Epoch 500, Loss: ")
                .contains("the network learned XOR")
                .contains("Input a: Input b: Prediction: 0.99")
                .contains("Input a: Prediction: 0.0");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void tutorialPresetPrintsTheTutorialsLossesForSeedZero() {
        // Epoch 100 and 1000 of ../shared/reference/xor-seed0-doc.json: 0.6834718…, 0.6331131…
        CliRun run = CliRun.of("", "xor", "--preset", "tutorial", "--no-prompt");
        assertThat(run.out()).contains("Epoch 100, Loss: 0.6835").contains("Epoch 1000, Loss: 0.6331")
                .contains("numerical gradient").contains("has not learned XOR");
    }

    @Test
    void answersNonNumericInputWithTheTutorialsMessageAndAsksAgain() {
        CliRun run = CliRun.of("abc\n0\nxyz\n1 0 1\n1,0\n", "xor", "--epochs", "50");
        assertThat(run.out()).containsSubsequence(
                "Input a: Invalid input. Please enter a numeric value.",
                "Input a: Input b: Invalid input. Please enter a numeric value.",
                "Input a: Expected 2 numbers on one line, got 3.",
                "Input a: Prediction: ");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void endOfInputEndsThePromptWithExitCodeZero() {
        CliRun run = CliRun.of("1\n", "xor", "--epochs", "10");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith("Input a: Input b: " + System.lineSeparator());
    }

    @Test
    void everyMethodAndOptionIsAccepted() {
        for (String method : new String[] {"numerical", "central", "backprop"}) {
            CliRun run = CliRun.of("", "xor", "--method", method, "--hidden", "8,4", "--activation", "tanh",
                    "--lr", "0.3", "--epsilon", "1e-6", "--seed", "3", "--epochs", "20", "--every", "10",
                    "--no-prompt");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("2-8-4-1 (tanh, tanh, sigmoid)", method + " gradient", "Epoch 20, Loss");
        }
    }

    @Test
    void savesAndRestartsFromASavedModel() {
        Path model = folder.resolve("xor.nn4j");
        CliRun first = CliRun.of("", "xor", "--save", model.toString(), "--no-prompt");
        assertThat(first.out()).contains("Saved the model to " + model + ".");
        CliRun resumed = CliRun.of("", "xor", "--from", model.toString(), "--epochs", "10", "--no-prompt");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).contains("starting from " + model).contains("the network learned XOR");
    }

    @Test
    void wrongOptionsGiveOneClearLineAndExitCode2() {
        CliRun unknown = CliRun.of("", "xor", "--activation", "swish");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("nn4j: Unknown activation 'swish'; known: relu, leaky_relu")
                .contains("Try 'nn4j xor --help'").doesNotContain("Exception");
        assertThat(CliRun.of("", "xor", "--hidden", "0").err()).contains("at least 1 unit, got [0]");
        assertThat(CliRun.of("", "xor", "--lr", "-1").err()).contains("positive number, got -1.0");
        assertThat(CliRun.of("", "xor", "--method", "magic").err()).contains("known: numerical, central, backprop");
        assertThat(CliRun.of("", "xor", "--epochs", "many").err()).contains("'many'");
        assertThat(CliRun.of("", "xor", "--preset", "fast").err()).contains("known: default, tutorial");
    }

    @Test
    void aMissingStartingModelIsNamedWithExitCode1() {
        CliRun run = CliRun.of("", "xor", "--from", folder.resolve("none.nn4j").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("nn4j: Model file '" + folder.resolve("none.nn4j") + "': does not exist");
    }

    @Test
    void theOldSpellingInitOfFromStillWorksWithANote() {
        CliRun run = CliRun.of("", "xor", "--init", folder.resolve("none.nn4j").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--init is now --from").contains("does not exist");
    }

    @Test
    void aFailingTutorialSeedIsExplainedByTheDoctorAndTheDiagnosisIsSaved() throws Exception {
        Path model = folder.resolve("failed.nn4j");
        CliRun run = CliRun.of("", "xor", "--preset", "tutorial", "--seed", "1", "--no-prompt", "--save",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("the network has not learned XOR")
                .contains("Training doctor:")
                .contains("- Dead ReLU units: unit 2 of hidden layer 1 (of 2) is dead")
                .contains("Remedy: start from other weights (another --seed)");
        assertThat(org.nn4j.io.ModelFile.read(model).training().get("diagnoses"))
                .contains("\"kind\":\"dead_units\"");

        CliRun healthy = CliRun.of("", "xor", "--no-prompt");
        assertThat(healthy.out()).doesNotContain("Training doctor:");
    }
}
