package org.nn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nn4j.recipe.search.Score;
import org.nn4j.recipe.search.SearchResult;
import org.nn4j.recipe.search.TrialResult;

/** The results table of {@code nn4j tune}: one row per trial, ranked, with its settings, score, epochs and time. */
final class TuneTable {

    private TuneTable() {
    }

    /** The ranked trials as aligned columns. */
    static String format(SearchResult result) {
        boolean withAccuracy = result.ranked().stream().anyMatch(r -> !Double.isNaN(r.score().accuracy()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"rank", "trial", "lr", "hidden", "activation", "dropout", "l2", "batch", "optimizer",
            "init", Score.METRIC, withAccuracy ? "val_accuracy" : "", "epochs", "time"});
        for (int i = 0; i < result.ranked().size(); i++) {
            TrialResult r = result.ranked().get(i);
            Map<String, Object> s = r.trial().settings();
            rows.add(new String[] {Integer.toString(i + 1), Integer.toString(r.trial().number()),
                String.format(Locale.ROOT, "%.2g", (Double) s.get("lr")), s.get("hidden").toString(),
                s.get("activation").toString(), String.format(Locale.ROOT, "%.1f", (Double) s.get("dropout")),
                l2((Double) s.get("l2")), s.get("batch").toString(), s.get("optimizer").toString(),
                s.get("init").toString(), number(r.score().loss()), withAccuracy ? number(r.score().accuracy()) : "",
                Integer.toString(r.epochs()),
                String.format(Locale.ROOT, "%.1f s", r.seconds())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (widths[c] > 0) {
                    line.append(String.format("%-" + widths[c] + "s", row[c])).append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** A score in words: "val_loss 0.0712 (val_accuracy 0.9861)", or "diverged". */
    static String score(Score score) {
        if (Double.isNaN(score.loss())) {
            return "diverged";
        }
        return String.format(Locale.ROOT, "%s %.4f", Score.METRIC, score.loss()) + (Double.isNaN(score.accuracy())
                ? "" : String.format(Locale.ROOT, " (val_accuracy %.4f)", score.accuracy()));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "diverged" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String l2(double l2) {
        return l2 == 0 ? "0" : String.format(Locale.ROOT, "%.1e", l2);
    }

    /** 10, 30, 90, 200 */
    static String joined(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
