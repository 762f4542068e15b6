package org.nn4j.optim;

import java.util.List;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Plain loops over flat vectors for {@link Lbfgs} and {@link StrongWolfe}, which see all parameters as one vector:
 * the parameters' elements one after the other, in the list's order.
 */
final class Vectors {

    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double sumAbs(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += Math.abs(v);
        }
        return sum;
    }

    /** The number of elements of all {@code parameters}. */
    static int size(List<Parameter> parameters) {
        int n = 0;
        for (int p = 0, count = parameters.size(); p < count; p++) {
            n += parameters.get(p).value().size();
        }
        return n;
    }

    /** Copies every parameter's gradient into {@code out}, one after the other. */
    static void gatherGradients(List<Parameter> parameters, double[] out) {
        int at = 0;
        for (int p = 0, count = parameters.size(); p < count; p++) {
            Matrix g = parameters.get(p).gradient();
            for (int i = 0, size = g.size(); i < size; i++) {
                out[at++] = g.get(i);
            }
        }
    }

    /** Copies every parameter's value into {@code out}, one after the other. */
    static void gatherValues(List<Parameter> parameters, double[] out) {
        int at = 0;
        for (int p = 0, count = parameters.size(); p < count; p++) {
            Matrix v = parameters.get(p).value();
            for (int i = 0, size = v.size(); i < size; i++) {
                out[at++] = v.get(i);
            }
        }
    }

    /** Sets the parameters' values to {@code values}, as {@link #gatherValues} laid them out. */
    static void scatterValues(double[] values, List<Parameter> parameters) {
        int at = 0;
        for (int p = 0, count = parameters.size(); p < count; p++) {
            Matrix v = parameters.get(p).value();
            for (int i = 0, size = v.size(); i < size; i++) {
                v.set(i, values[at++]);
            }
        }
    }

    /** Adds t·d to the parameters' values: θ ← θ + t·d. */
    static void addScaled(List<Parameter> parameters, double t, double[] d) {
        int at = 0;
        for (int p = 0, count = parameters.size(); p < count; p++) {
            Matrix v = parameters.get(p).value();
            for (int i = 0, size = v.size(); i < size; i++) {
                v.set(i, v.get(i) + t * d[at++]);
            }
        }
    }
}
