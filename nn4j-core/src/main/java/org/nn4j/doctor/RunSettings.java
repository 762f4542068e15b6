package org.nn4j.doctor;

import java.util.Locale;

/**
 * What the doctor knows of how a run was set up, so that it never advises what the run already does (early
 * stopping when it was on, Adam to a run on Adam) and can name concrete values (ten times the learning rate used).
 * A null or unknown field only makes the advice less specific.
 *
 * @param optimizer the optimizer's name, e.g. {@code adam}; null when unknown
 * @param learningRate the learning rate used; null when unknown
 * @param activation the hidden layers' activation, e.g. {@code relu}; null when unknown
 * @param init the initialiser's name, e.g. {@code he}; null when unknown
 * @param patience early stopping's patience; 0 when it was off
 * @param dropout the dropout rate; 0 for none
 * @param clipNorm the gradients' norm limit; 0 for none
 */
public record RunSettings(String optimizer, Double learningRate, String activation, String init, int patience,
        double dropout, double clipNorm) {

    public RunSettings {
        optimizer = lower(optimizer);
        activation = lower(activation);
        init = lower(init);
    }

    /** Nothing known: every remedy is offered, with no concrete values. */
    public static RunSettings unknown() {
        return new RunSettings(null, null, null, null, 0, 0, 0);
    }

    boolean usesAdam() {
        return "adam".equals(optimizer) || "adamw".equals(optimizer);
    }

    /** L-BFGS: full-batch steps that refuse dropout, weight decay and clipping; --l2 regularises instead. */
    boolean usesLbfgs() {
        return "lbfgs".equals(optimizer);
    }

    boolean stopsEarly() {
        return patience > 0;
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
