package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nn4j.doctor.Remedy;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The training doctor through the real command line: the right finding on the runs a new user met, and advice that
 * names only options the command that ran has, never one already given the value advised.
 */
class DoctorAdviceTest {

    @Test
    void irisAtLearningRate100IsALearningRateTooHighNotOverfitting() {
        CliRun run = CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--lr", "100");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("- Learning rate too high: the loss jumped up in")
                .contains("lower the learning rate (--lr 10)")
                .doesNotContain("Overfitting")
                // Early stopping was on (patience 20 by default): advising it would be advising what ran.
                .doesNotContain("--early-stopping")
                // A validation loss of 0 once printed as -0.0000.
                .contains("val_loss 0.0000").doesNotContain("-0.0000");
    }

    @Test
    void aHealthySpiralsRunGetsNoFinding() {
        // 100% test accuracy; this run was once told it overfits, its validation loss "rising" from 0.001175 to
        // 0.02873: 24 times, and still negligible.
        CliRun run = CliRun.of("", "train", "--dataset", "spirals", "--samples", "400", "--hidden", "32,32",
                "--lr", "0.05", "--epochs", "100", "--early-stopping", "0", "--seed", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Accuracy: 1.0000").doesNotContain("Training doctor:");
    }

    @Test
    void theXorTutorialIsAdvisedOnlyOptionsXorHas() {
        CliRun slow = CliRun.of("", "xor", "--preset", "tutorial", "--no-prompt");
        assertThat(slow.out()).contains("- Learning rate too low:")
                .contains("raise the learning rate (--lr 0.1)")
                // xor trains by plain gradient descent and has no --optimizer.
                .doesNotContain("Adam").doesNotContain("--optimizer");
        CliRun dead = CliRun.of("", "xor", "--preset", "tutorial", "--seed", "1", "--no-prompt");
        assertThat(dead.out()).contains("- Dead ReLU units:")
                .contains("(--activation leaky_relu)").contains("(another --seed)")
                // xor's --init is the old name of --from (a model file), not an initialiser.
                .doesNotContain("He initialisation").doesNotContain("--init");
    }

    @Test
    void aRemedyNeedsAnOptionOfTheCommandThatWasNotGivenItsValue() {
        CommandLine train = new CommandLine(new TrainCommand());
        train.parseArgs("--data", "x.csv", "--label", "y", "--schedule", "plateau", "--lr", "0.10");
        CommandSpec spec = train.getCommandSpec();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.option("s", "--schedule", "plateau"))).isFalse();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.option("s", "--schedule", "cosine"))).isTrue();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.option("l", "--lr", "0.1"))).isFalse();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.option("l", "--lr", "0.01"))).isTrue();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.option("i", "--init", "he"))).isTrue();
        assertThat(DoctorReport.usableIn(spec).test(Remedy.plain("more data"))).isTrue();

        CommandLine xor = new CommandLine(new XorCommand());
        xor.parseArgs("--no-prompt");
        CommandSpec xorSpec = xor.getCommandSpec();
        assertThat(DoctorReport.usableIn(xorSpec).test(Remedy.option("a", "--optimizer", "adam"))).isFalse();
        assertThat(DoctorReport.usableIn(xorSpec).test(Remedy.option("i", "--init", "he"))).isFalse();
        assertThat(DoctorReport.usableIn(xorSpec).test(Remedy.option("c", "--clip-norm", "1"))).isFalse();
        assertThat(DoctorReport.usableIn(xorSpec).test(Remedy.option("l", "--lr", "0.1"))).isTrue();
    }
}
