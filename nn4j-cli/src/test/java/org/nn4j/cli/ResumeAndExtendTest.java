package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Network;

/** A checkpoint explains itself in {@code nn4j summary}, and a finished run can be extended to more epochs. */
class ResumeAndExtendTest {

    @TempDir
    Path folder;

    private static final List<String> RUN = List.of("train", "--dataset", "moons", "--samples", "200",
            "--hidden", "8", "--early-stopping", "0", "--checkpoint-every", "4", "--seed", "2");

    private CliRun train(int epochs, Path save) {
        List<String> args = new java.util.ArrayList<>(RUN);
        args.addAll(List.of("--epochs", Integer.toString(epochs), "--save", save.toString()));
        CliRun run = CliRun.of("", args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void summaryOfACheckpointSaysItIsOneAndGivesTheCommandsThatResumeAndExtendIt() {
        Path model = folder.resolve("run.nn4j");
        train(6, model);
        Path checkpoint = folder.resolve("run.nn4j.ckpt");
        CliRun summary = CliRun.of("", "summary", checkpoint.toString());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("Checkpoint " + checkpoint + ": a training run saved before epoch 7"
                + " (6 finished epochs of 6) of a 2-8-1 (relu, sigmoid) float32 network. It is not a model");
        assertThat(summary.out()).contains("Extend it to N epochs in total:  nn4j train --resume " + checkpoint
                + " --epochs N --save " + model);
        assertThat(summary.out()).contains("It started as:  nn4j train --dataset moons");
        assertThat(summary.out()).contains("History (6 epochs)");

        CliRun predict = CliRun.of("", "predict", checkpoint.toString(), "--values", "0.5,0.5");
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains("it is a checkpoint of a training run, not a model");
    }

    @Test
    void aFinishedRunResumedWithMoreEpochsEndsWithTheWeightsOfARunThatAskedForThemAtOnce() throws IOException {
        Path straight = folder.resolve("straight.nn4j");
        train(12, straight);
        Path first = folder.resolve("first.nn4j");
        train(6, first);
        Path extended = folder.resolve("extended.nn4j");
        CliRun more = CliRun.of("", "train", "--resume", folder.resolve("first.nn4j.ckpt").toString(), "--epochs",
                "12", "--save", extended.toString());
        assertThat(more.exitCode()).as(more.out() + more.err()).isZero();
        assertThat(more.out()).contains("Resuming from").contains("Epoch  7/12").contains("Epoch 12/12");
        Network a = ModelFile.read(extended).network();
        Network b = ModelFile.read(straight).network();
        for (int i = 0; i < b.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value().sameBits(b.parameters().get(i).value()))
                    .as(b.parameters().get(i).name()).isTrue();
        }
    }
}
