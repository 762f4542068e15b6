package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * Prints a line of metrics every few epochs, and shows how far the run is and how long it has left: on a terminal a
 * bar through the epoch's mini-batches that fits the width and that the metrics line then replaces; on a file or pipe
 * a plain line every few seconds. Progress shows the epoch's mean loss so far, not the last mini-batch's.
 * Printing is bounded (a redraw at most every 100 ms, a plain line every 5 s), so training never waits on it.
 */
final class ProgressPrinter implements TrainingListener {

    /** Redrawing costs more than a small batch; a few times a second is enough for the eye. */
    private static final long REDRAW_NANOS = 100_000_000L;

    /** How often a file or pipe gets a progress line when no epoch line was printed. */
    static final long PLAIN_LINE_NANOS = 5_000_000_000L;

    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 10;

    private final PrintWriter out;
    private final Terminal terminal;
    private final LongSupplier clock;
    private final RunEta eta;
    private final int epochs;
    private final int every;
    private long lastDrawn;
    private long lastLine;
    private int drawnLength;
    private double lossSum;
    private int lossCount;
    private int firstPrinted;

    /**
     * {@code clock} gives nanoseconds (System::nanoTime); {@code every} prints every so many epochs' line;
     * {@code earlyStopping} makes the ETA an upper bound.
     */
    ProgressPrinter(PrintWriter out, Terminal terminal, LongSupplier clock, int epochs, int every,
            boolean earlyStopping) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.epochs = epochs;
        this.every = every;
        this.eta = new RunEta(epochs, earlyStopping);
        this.lastLine = clock.getAsLong();
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        eta.epochStarted(epoch, batches, clock.getAsLong());
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        long now = clock.getAsLong();
        eta.batchDone(batch);
        lossSum += loss;
        lossCount++;
        boolean redraw = terminal.present() && (batch == batches || now - lastDrawn >= REDRAW_NANOS);
        boolean plainLine = !terminal.present() && now - lastLine >= PLAIN_LINE_NANOS;
        if (!redraw && !plainLine) {
            return;
        }
        String counts = batch + "/" + batches;
        String meanLoss = String.format(Locale.ROOT, "loss %.4f", lossSum / lossCount);
        String remaining = eta.text(batch, now);
        if (redraw) {
            lastDrawn = now;
            draw("Epoch " + epoch + "/" + epochs, (double) batch / batches, counts, meanLoss, remaining);
        } else {
            lastLine = now;
            out.println("Epoch " + epoch + "/" + epochs + ": " + counts + " batches, " + meanLoss + " (mean so far)"
                    + (remaining.isEmpty() ? "" : ", " + remaining));
            out.flush();
        }
    }

    /**
     * One line that never reaches the last column: a terminal wraps a line that does, and \r then redraws only its
     * second row. On a narrow terminal the bar goes first, then the loss, then the ETA.
     */
    private void draw(String head, double done, String counts, String loss, String remaining) {
        int limit = terminal.columns() - 1;
        String tail = join(counts, loss, remaining);
        int barWidth = Math.min(MAX_BAR, limit - head.length() - tail.length() - 4);
        String line;
        if (barWidth >= MIN_BAR) {
            int filled = (int) (barWidth * done);
            line = head + " [" + "=".repeat(filled) + " ".repeat(barWidth - filled) + "] " + tail;
        } else {
            line = fitting(limit, head + " " + tail, head + " " + join(counts, remaining), head + " " + remaining);
        }
        if (line.length() > limit) {
            line = line.substring(0, Math.max(0, limit));
        }
        // Spaces over what is left of a longer line drawn before.
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    /** The first of {@code lines} that fits in {@code limit} columns, else the last. */
    private static String fitting(int limit, String... lines) {
        for (String line : lines) {
            if (line.length() <= limit) {
                return line;
            }
        }
        return lines[lines.length - 1];
    }

    private static String join(String... parts) {
        return String.join("  ", Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
    }

    @Override
    public void onEpoch(EpochRecord record) {
        clearBar();
        if (firstPrinted == 0 || record.epoch() % every == 0) {
            if (firstPrinted == 0) {
                firstPrinted = record.epoch();
            }
            print(record, "");
        }
    }

    /**
     * After the run: the lines of the best and the last epoch, when --every skipped them, so that a run printed
     * every N epochs still shows where it ended and which weights it kept.
     */
    void finish(FitResult result) {
        clearBar();
        List<EpochRecord> history = result.history();
        if (history.isEmpty()) {
            return;
        }
        EpochRecord last = history.get(history.size() - 1);
        for (EpochRecord record : history) {
            if (record.epoch() == result.bestEpoch() && !printed(record.epoch())) {
                print(record, "  (best)");
            }
        }
        if (last.epoch() != result.bestEpoch() && !printed(last.epoch())) {
            print(last, "");
        }
    }

    private boolean printed(int epoch) {
        return epoch == firstPrinted || epoch % every == 0;
    }

    private void print(EpochRecord record, String note) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %" + digits(epochs) + "d/%d",
                record.epoch(), epochs));
        for (Map.Entry<String, Double> m : record.metrics().entrySet()) {
            line.append("  ").append(m.getKey()).append(' ').append(MetricText.of(m.getValue()));
        }
        line.append("  lr ").append(Format.number(record.learningRate())).append(note);
        out.println(line);
        out.flush();
        lastLine = clock.getAsLong();
    }

    private void clearBar() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            out.flush();
            drawnLength = 0;
        }
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
