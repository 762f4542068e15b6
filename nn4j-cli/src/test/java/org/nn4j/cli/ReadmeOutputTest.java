package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README test's reading of shown output and of its own markers, which decide what it can catch. */
class ReadmeOutputTest {

    @Test
    void aQuotedFigureTheRunDoesNotPrintIsReported() {
        String out = "Split (seed 1)\nTraining took 3.46 s.\nAccuracy: 0.9800\n";
        assertThat(ReadmeOutput.firstMissing(List.of("...", "Training took 0.50 s.", "Accuracy: 0.9800"), "", out, ""))
                .isNull();
        assertThat(ReadmeOutput.firstMissing(List.of("Accuracy: 0.9823"), "", out, "")).isEqualTo("Accuracy: 0.9823");
    }

    @Test
    void shownLinesMustComeInTheirOrder() {
        String out = "first\nsecond\n";
        assertThat(ReadmeOutput.firstMissing(List.of("first", "second"), "", out, "")).isNull();
        assertThat(ReadmeOutput.firstMissing(List.of("second", "first"), "", out, "")).isEqualTo("first");
    }

    @Test
    void anEllipsisInsideALineStandsForAnyTextAndCtrlCEchoIsNotOutput() {
        String err = "nn4j: stopping after this mini-batch\n";
        String out = "Interrupted after 17 finished epochs. Saved.\n";
        assertThat(ReadmeOutput.firstMissing(List.of("Interrupted after … finished epochs. Saved.",
                "^Cnn4j: stopping after this mini-batch"), "", out, err)).isNull();
    }

    @Test
    void typedInputIsSkippedAndAnswersMayFollowTheirPrompt() {
        String out = "Input a: Input b: Prediction: 0.9979\nInput a: \n";
        assertThat(ReadmeOutput.firstMissing(List.of("Input a: 1", "Input b: 0", "Prediction: 0.9979", "Input a: quit"),
                "1\n0\nquit\n", out, "")).isNull();
        assertThat(ReadmeOutput.firstMissing(List.of("Prediction: 0.5"), "1\n", out, "")).isEqualTo("Prediction: 0.5");
    }

    @Test
    void markersSetInputExitCodesInterruptionAndSkipping() {
        List<ReadmeExample> examples = ReadmeExample.parse(List.of(
                "<!-- README test: interrupt after \"loss\"; exit 130,0; with \"--epochs 8\" for \"--epochs 400\" -->",
                "```",
                "$ ./nn4j train --epochs 400",
                "Continuing --epochs 400",
                "$ ./nn4j train --resume c",
                "```",
                "<!-- README test: skip (needs Spark) -->",
                "```",
                "$ ./nn4j train --spark",
                "```",
                "```java",
                "$ not shell",
                "```",
                "- a list item:",
                "  ```",
                "  $ ./nn4j data",
                "  ```"));
        assertThat(examples).extracting(ReadmeExample::commandToRun)
                .containsExactly("./nn4j train --epochs 8", "./nn4j train --resume c", "./nn4j data");
        assertThat(examples.get(0).expectedOutput()).containsExactly("Continuing --epochs 8");
        assertThat(examples).extracting(ReadmeExample::exitCode).containsExactly(130, 0, 0);
        assertThat(examples).extracting(ReadmeExample::interruptAfter).containsExactly("loss", null, null);
        assertThat(examples).extracting(ReadmeExample::line).containsExactly(3, 5, 16);
    }
}
