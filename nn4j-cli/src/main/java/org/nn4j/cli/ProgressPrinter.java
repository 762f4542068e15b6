package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.TrainingListener;

/**
 * Prints one line of metrics per epoch, and, on a terminal only, a progress bar through the epoch's mini-batches
 * that the metrics line then replaces.
 */
final class ProgressPrinter implements TrainingListener {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final PrintWriter bar;
    private final int epochs;
    private long lastDrawn;

    /** {@code bar} is where the progress bar goes (a terminal), or null for none. */
    ProgressPrinter(PrintWriter out, PrintWriter bar, int epochs) {
        this.out = out;
        this.bar = bar;
        this.epochs = epochs;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        long now = System.nanoTime();
        // Redrawing costs more than a small batch; a few times a second is enough for the eye.
        if (bar == null || (batch != batches && now - lastDrawn < 100_000_000L)) {
            return;
        }
        lastDrawn = now;
        int filled = (int) ((long) BAR_WIDTH * batch / batches);
        bar.printf(Locale.ROOT, "\rEpoch %d/%d [%s%s] %d/%d loss %.4f", epoch, epochs, "=".repeat(filled),
                " ".repeat(BAR_WIDTH - filled), batch, batches, loss);
        bar.flush();
    }

    @Override
    public void onEpoch(EpochRecord record) {
        if (bar != null) {
            bar.print("\r" + " ".repeat(BAR_WIDTH + 50) + "\r");
            bar.flush();
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %" + digits(epochs) + "d/%d",
                record.epoch(), epochs));
        for (Map.Entry<String, Double> m : record.metrics().entrySet()) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", m.getKey(), m.getValue()));
        }
        line.append("  lr ").append(Format.number(record.learningRate()));
        out.println(line);
        out.flush();
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
