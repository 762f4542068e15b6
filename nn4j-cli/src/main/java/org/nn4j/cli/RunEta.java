package org.nn4j.cli;

import java.util.Locale;

/**
 * How long the rest of a training run will take: the epochs left times the mean time of the last few epochs (until
 * one has finished, the current epoch's pace per mini-batch). With early stopping the run may end sooner, so the
 * estimate is an upper bound, and says so with {@code ≤}.
 */
final class RunEta {

    /** Epochs whose mean time predicts the next: few enough to follow a change of pace, enough to smooth noise. */
    private static final int RECENT = 5;

    private final int lastEpoch;
    private final boolean upperBound;
    private final long[] recent = new long[RECENT];
    private int measured;
    private int epoch;
    private int batches;
    private long epochStart;
    private int batchesAtStart;

    /** {@code lastEpoch}: the run's final epoch; {@code upperBound}: early stopping may end it before that. */
    RunEta(int lastEpoch, boolean upperBound) {
        this.lastEpoch = lastEpoch;
        this.upperBound = upperBound;
    }

    /** Epoch {@code epoch} of {@code batches} mini-batches starts at {@code now} (nanoseconds). */
    void epochStarted(int epoch, int batches, long now) {
        if (this.epoch > 0 && epoch == this.epoch + 1 && batchesAtStart == 0) {
            // Start to start: the time of an epoch includes its validation and checkpoint, as the run's does.
            recent[measured++ % RECENT] = now - epochStart;
        }
        this.epoch = epoch;
        this.batches = batches;
        this.epochStart = now;
        this.batchesAtStart = -1;
    }

    /** Mini-batch {@code batch} (from 1) of the current epoch is done. */
    void batchDone(int batch) {
        if (batchesAtStart < 0) {
            // A resumed run starts within an epoch: its first epoch is not a whole one to time.
            batchesAtStart = batch - 1;
        }
    }

    /** Nanoseconds until the run's last epoch ends, with {@code batchesDone} of the current epoch's done; -1: unknown. */
    long remaining(int batchesDone, long now) {
        double epochNanos;
        if (measured > 0) {
            long sum = 0;
            int n = Math.min(measured, RECENT);
            for (int i = 0; i < n; i++) {
                sum += recent[i];
            }
            epochNanos = (double) sum / n;
        } else if (batchesAtStart >= 0 && batchesDone > batchesAtStart) {
            epochNanos = (double) (now - epochStart) * batches / (batchesDone - batchesAtStart);
        } else {
            return -1;
        }
        double thisEpoch = epochNanos * (batches - batchesDone) / batches;
        return Math.round(thisEpoch + epochNanos * (lastEpoch - epoch));
    }

    /** "ETA 1m 05s", or "ETA ≤ 1m 05s" when early stopping may end the run sooner; empty when unknown. */
    String text(int batchesDone, long now) {
        long nanos = remaining(batchesDone, now);
        return nanos < 0 ? "" : "ETA " + (upperBound ? "≤ " : "") + duration(nanos);
    }

    /** A duration as people read it: 42s, 3m 05s, 2h 03m (seconds rounded up, so the last second shows 1s). */
    static String duration(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
