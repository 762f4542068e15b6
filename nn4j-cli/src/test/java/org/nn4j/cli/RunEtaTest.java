package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The time a run has left: the epochs left times the recent epoch time, written as people read durations. */
class RunEtaTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void durationsReadAsSecondsMinutesOrHoursRoundedUp() {
        assertThat(RunEta.duration(0)).isEqualTo("0s");
        assertThat(RunEta.duration(1)).isEqualTo("1s");
        assertThat(RunEta.duration(42 * SECOND)).isEqualTo("42s");
        assertThat(RunEta.duration(59 * SECOND + 1)).isEqualTo("1m 00s");
        assertThat(RunEta.duration(185 * SECOND)).isEqualTo("3m 05s");
        assertThat(RunEta.duration((2 * 3600 + 3 * 60 + 59) * SECOND)).isEqualTo("2h 03m");
    }

    @Test
    void theEstimateIsTheMeanOfTheLastFiveEpochsTimesTheEpochsLeft() {
        RunEta eta = new RunEta(100, false);
        long now = 0;
        // Epochs of 10 s, then five of 2 s: only the recent pace counts.
        for (int epoch = 1; epoch <= 11; epoch++) {
            eta.epochStarted(epoch, 4, now);
            eta.batchDone(1);
            now += (epoch <= 5 ? 10 : 2) * SECOND;
        }
        eta.epochStarted(12, 4, now);
        eta.batchDone(1);
        eta.batchDone(2);
        // Half of epoch 12 and all of epochs 13 to 100 at 2 s each.
        assertThat(eta.remaining(2, now)).isEqualTo(SECOND + 88 * 2 * SECOND);
        assertThat(eta.text(2, now)).isEqualTo("ETA 2m 57s");
        assertThat(new RunEta(100, true).text(0, 0)).as("unknown before a batch is done").isEmpty();
    }

    @Test
    void withEarlyStoppingTheEstimateIsMarkedAsAnUpperBound() {
        RunEta eta = new RunEta(3, true);
        eta.epochStarted(1, 10, 0);
        eta.batchDone(1);
        // 1 s a batch: 9 s for the rest of epoch 1, 10 s for each of epochs 2 and 3.
        assertThat(eta.text(1, SECOND)).isEqualTo("ETA ≤ 29s");
    }

    @Test
    void aResumedRunTimesItsPartEpochFromTheBatchesItTrained() {
        RunEta eta = new RunEta(2, false);
        eta.epochStarted(1, 10, 0);
        // Resumed after batch 6: batches 7 and 8 took 2 s, so an epoch takes 10 s.
        eta.batchDone(7);
        eta.batchDone(8);
        assertThat(eta.remaining(8, 2 * SECOND)).isEqualTo(2 * SECOND + 10 * SECOND);
        // The part epoch is not a whole one to time: epoch 2 is still timed by its own batches.
        eta.epochStarted(2, 10, 5 * SECOND);
        eta.batchDone(1);
        assertThat(eta.remaining(1, 6 * SECOND)).isEqualTo(9 * SECOND);
    }
}
