package org.nn4j.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scores of a regression model, in the target's own units:
 * {@code MSE = mean (ŷ − y)²}, {@code MAE = mean |ŷ − y|}, and the coefficient of determination
 * {@code R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²} (1 is perfect, 0 is no better than predicting the mean; when every y is
 * the same, R² is 1 for a perfect fit and 0 otherwise, as scikit-learn does).
 */
public record RegressionMetrics(int samples, double mse, double mae, double r2) {

    public static RegressionMetrics of(double[] predicted, double[] actual) {
        int n = actual.length;
        if (n == 0 || predicted.length != n) {
            throw new IllegalArgumentException("Need one prediction per sample and at least one sample, got "
                    + predicted.length + " predictions for " + n + " samples");
        }
        double mean = 0.0;
        for (double y : actual) {
            mean += y;
        }
        mean /= n;
        double squared = 0.0;
        double absolute = 0.0;
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            double error = predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        return ofSums(n, squared, absolute, total);
    }

    /**
     * The scores from sums taken elsewhere (on a cluster, say) over {@code n} samples: Σ(ŷ − y)², Σ|ŷ − y| and
     * Σ(y − ȳ)².
     */
    public static RegressionMetrics ofSums(int n, double squared, double absolute, double total) {
        if (n == 0) {
            throw new IllegalArgumentException("Cannot score a regression on no samples");
        }
        double r2 = total == 0.0 ? (squared == 0.0 ? 1.0 : 0.0) : 1.0 - squared / total;
        return new RegressionMetrics(n, squared / n, absolute / n, r2);
    }

    /** The scores as a JSON-ready map: mse, mae, r2 (and loss, the MSE, for symmetry with classification). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task", "regression");
        map.put("samples", samples);
        map.put("loss", mse);
        map.put("mse", mse);
        map.put("mae", mae);
        map.put("r2", r2);
        return map;
    }

    public String format() {
        // Said each time: the training losses printed before these scores are in standardised units.
        return String.format(Locale.ROOT, "Samples: %d%nMSE: %.6g (in the label's units, squared)%n"
                + "MAE: %.6g (in the label's units)%nR²: %.4f%n", samples, mse, mae, r2);
    }
}
