package org.nn4j.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/** A trained network scored on labelled rows of a table: classification or regression metrics. */
public final class Evaluation {

    private final ClassificationMetrics classification;
    private final RegressionMetrics regression;

    private Evaluation(ClassificationMetrics classification, RegressionMetrics regression) {
        this.classification = classification;
        this.regression = regression;
    }

    /** Scores {@code network} on {@code rows} of {@code table}, encoded by {@code prep}; empty for no rows. */
    public static Evaluation of(Network network, Preprocessing prep, Table table, int[] rows) {
        if (rows.length == 0) {
            return new Evaluation(null, null);
        }
        Matrix outputs = network.predict(prep.encodeInputs(table, rows));
        if (prep.task().isClassification()) {
            return new Evaluation(ClassificationMetrics.of(prep.task(), outputs, prep.classesOf(table, rows),
                    prep.label().classes()), null);
        }
        double[] predicted = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predicted[i] = prep.label().toLabelUnits(outputs.get(i, 0));
        }
        return new Evaluation(null, RegressionMetrics.of(predicted, prep.valuesOf(table, rows)));
    }

    /** A classifier's metrics computed elsewhere (on a cluster, say). */
    public static Evaluation of(ClassificationMetrics metrics) {
        return new Evaluation(metrics, null);
    }

    /** A regression's metrics computed elsewhere (on a cluster, say). */
    public static Evaluation of(RegressionMetrics metrics) {
        return new Evaluation(null, metrics);
    }

    /** No metrics: there were no test rows. */
    public static Evaluation none() {
        return new Evaluation(null, null);
    }

    /** The confusion matrix of a classifier; null for regression. */
    public ConfusionMatrix confusion() {
        return classification != null ? classification.confusion() : null;
    }

    /** The metrics as lines of text, for a terminal. */
    public String format() {
        return classification != null ? classification.format() : regression != null ? regression.format() : "";
    }

    /** The metrics as a map, for JSON. */
    public Map<String, Object> toMap() {
        return classification != null ? classification.toMap() : regression != null ? regression.toMap() : Map.of();
    }

    /** The headline numbers as strings, for the model file's training record. */
    public Map<String, String> summary() {
        Map<String, String> s = new LinkedHashMap<>();
        if (classification != null) {
            s.put("accuracy", format(classification.accuracy()));
            s.put("loss", format(classification.logLoss()));
            s.put("macro_f1", format(classification.macroF1()));
            s.put("balanced_accuracy", format(classification.balancedAccuracy()));
            s.put("roc_auc", format(classification.rocAuc()));
            s.put("pr_auc", format(classification.prAuc()));
        } else if (regression != null) {
            s.put("mse", format(regression.mse()));
            s.put("mae", format(regression.mae()));
            s.put("r2", format(regression.r2()));
        }
        return s;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
