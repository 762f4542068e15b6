package org.nn4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/**
 * What fills a gap in a numeric column: a statistic of the column's values in the training rows, as
 * scikit-learn's {@code SimpleImputer(strategy=…)} computes it (gaps left out).
 */
public enum Imputation {
    /** The middle value; for an even count, the mean of the two middle ones. Robust to outliers: the default. */
    MEDIAN,
    /** The arithmetic mean. */
    MEAN;

    /** The names {@link #byName} takes. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Imputation::id).toList();

    /** The name on the command line and in the model file: {@code median} or {@code mean}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The imputation of that name, ignoring case; an error naming the known ones otherwise. */
    public static Imputation byName(String name) {
        for (Imputation i : values()) {
            if (i.id().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown imputation '" + name + "'" + DidYouMean.hint(name, NAMES)
                + "; expected " + String.join(" or ", NAMES));
    }

    /** The statistic of {@code values} (every one present); they are sorted in place. */
    double of(double[] values) {
        if (this == MEAN) {
            double sum = 0.0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }
}
