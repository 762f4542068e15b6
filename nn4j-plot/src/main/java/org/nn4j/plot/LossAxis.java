package org.nn4j.plot;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Collection;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;

/**
 * The y-axis for losses: logarithmic when the values span more than {@value #DECADES} decades (a loss that falls
 * from 1 to 1e-6 otherwise lies on the floor after a few epochs), linear otherwise. Either way every tick of the
 * axis is written in one format: powers of ten as {@code 1e-3} on a log axis, the same decimals on a linear one.
 */
final class LossAxis {

    /** More decades than this between the smallest and the largest value make the axis logarithmic. */
    static final double DECADES = 2;

    private LossAxis() {
    }

    /** True when the finite values are all positive and the largest is more than 100 times the smallest. */
    static boolean needsLogScale(Collection<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            if (v <= 0) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 && Math.log10(max / min) > DECADES;
    }

    /** An axis for {@code values}, labelled {@code label}, or {@code label (log scale)} when it is logarithmic. */
    static ValueAxis of(String label, Collection<Double> values) {
        if (!needsLogScale(values)) {
            NumberAxis linear = new NumberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            return linear;
        }
        LogAxis log = new LogAxis(label + " (log scale)");
        // Whole decades only, so that every labelled tick is a power of ten.
        log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        log.setNumberFormatOverride(new PowerOfTenFormat());
        return log;
    }

    /** {@code 1e-3} for powers of ten, {@code 2.5e-3} otherwise: one way of writing every tick of a log axis. */
    private static final class PowerOfTenFormat extends NumberFormat {

        @Override
        public StringBuffer format(double value, StringBuffer to, FieldPosition position) {
            if (value <= 0 || !Double.isFinite(value)) {
                return to.append(value);
            }
            int exponent = (int) Math.floor(Math.log10(value) + 1e-9);
            double mantissa = value / Math.pow(10, exponent);
            String digits = Math.abs(mantissa - Math.rint(mantissa)) < 1e-6 ? Long.toString(Math.round(mantissa))
                    : String.format(Locale.ROOT, "%.1f", mantissa);
            return to.append(digits).append('e').append(exponent);
        }

        @Override
        public StringBuffer format(long value, StringBuffer to, FieldPosition position) {
            return format((double) value, to, position);
        }

        @Override
        public Number parse(String text, ParsePosition position) {
            throw new UnsupportedOperationException("tick labels are only written");
        }
    }
}
