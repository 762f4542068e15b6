package org.nn4j.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much each class counts in a classification loss, so that a rare class is not drowned by a common one. The
 * weights sit in the loss ({@link #weighting}), so they go wherever the loss goes: every gradient step, the reported
 * losses, validation and, being serializable, a cluster's executors.
 *
 * <p>{@link #balanced} gives each class {@code w_c = n / (K · n_c)} for n rows, K classes and n_c rows of class c,
 * as scikit-learn's {@code compute_class_weight("balanced")}: every class then weighs the same in total, and the
 * weights average 1 over the rows they were counted on.
 */
public final class ClassWeights implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] perClass;

    private ClassWeights(double[] perClass) {
        this.perClass = perClass;
    }

    /**
     * The given weights, class by class in the order of the label's classes.
     *
     * @throws IllegalArgumentException when a weight is not a positive finite number
     */
    public static ClassWeights of(double... perClass) {
        if (perClass.length < 2) {
            throw new IllegalArgumentException("Class weights need one weight per class, 2 or more, got "
                    + perClass.length);
        }
        for (double w : perClass) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("A class weight must be a positive number, got " + w);
            }
        }
        return new ClassWeights(perClass.clone());
    }

    /**
     * {@code n / (K · n_c)} for the class counts {@code counts}, as scikit-learn's balanced weights.
     *
     * @throws IllegalArgumentException when a class has no rows, so that its weight would be infinite
     */
    public static ClassWeights balanced(int[] counts, List<String> classNames) {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        double[] w = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("Balanced class weights need rows of every class among the"
                        + " training rows, but class '" + classNames.get(c) + "' has none; give the weights"
                        + " (--class-weight w1,w2,…) or more rows");
            }
            w[c] = (double) n / ((double) counts.length * counts[c]);
        }
        return of(w);
    }

    /** The number of classes. */
    public int classes() {
        return perClass.length;
    }

    /** The weight of class {@code c}. */
    public double weightOf(int c) {
        return perClass[c];
    }

    /** The weights, class by class. */
    public double[] toArray() {
        return perClass.clone();
    }

    /**
     * {@code base} with each sample's loss multiplied by the weight of its class: binary cross-entropy or softmax
     * cross-entropy (see {@link ClassWeightedLoss} for the means they take).
     *
     * @throws IllegalArgumentException for any other loss, which has no classes
     */
    public Loss weighting(Loss base) {
        return new ClassWeightedLoss(base, this);
    }

    /** The weights as the training record shows them, e.g. {@code 0.526316,10}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (double w : perClass) {
            parts.add(String.format(Locale.ROOT, "%.6g", w).replaceFirst("\\.?0+$", ""));
        }
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassWeights o && Arrays.equals(perClass, o.perClass);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perClass);
    }

    @Override
    public String toString() {
        return "ClassWeights[" + describe() + "]";
    }
}
