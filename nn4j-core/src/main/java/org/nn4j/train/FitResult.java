package org.nn4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link TrainingLoop} run did: the metrics of every measured epoch (every epoch unless the run measured
 * less often), how many epochs it trained, the best epoch by the monitored metric, and why training stopped.
 *
 * @param epochs the number of epochs trained to the end
 * @param bestEpoch the epoch whose weights the network ends with when the best were restored, else the last
 * @param stopReason {@code completed}, {@code early stopping} or {@code diverged}
 */
public record FitResult(List<EpochRecord> history, int epochs, int bestEpoch, String stopReason) {

    public static final String COMPLETED = "completed";
    public static final String EARLY_STOPPING = "early stopping";
    public static final String DIVERGED = "diverged";
    /** Stopped on request (Ctrl-C) after saving a checkpoint. */
    public static final String INTERRUPTED = "interrupted";

    public FitResult {
        history = List.copyOf(history);
    }

    /** A run that measured every epoch it trained. */
    public FitResult(List<EpochRecord> history, int bestEpoch, String stopReason) {
        this(history, history.size(), bestEpoch, stopReason);
    }

    /** The last epoch's record. */
    public EpochRecord last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("No epoch was trained");
        }
        return history.get(history.size() - 1);
    }

    /** The values of one metric, epoch by epoch. */
    public List<Double> series(String metric) {
        List<Double> values = new ArrayList<>();
        for (EpochRecord record : history) {
            values.add(record.get(metric));
        }
        return values;
    }

    /** Every metric's values epoch by epoch, plus {@code lr}: what the model file keeps as history. */
    public Map<String, List<Double>> toSeries() {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        if (history.isEmpty()) {
            return series;
        }
        for (String metric : history.get(0).metrics().keySet()) {
            series.put(metric, series(metric));
        }
        List<Double> rates = new ArrayList<>();
        for (EpochRecord record : history) {
            rates.add(record.learningRate());
        }
        series.put("lr", rates);
        return series;
    }
}
