package org.nn4j.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.nn.Dense;
import org.nn4j.nn.LayerTrace;
import org.nn4j.nn.Network;
import org.nn4j.nn.Relu;
import org.nn4j.tensor.Matrix;

/**
 * Looks at a network, its training data and its training history, and says in plain words what went wrong and
 * what to do about it. Each check is a separate method with its thresholds written out, so that a user (or a test)
 * can see exactly why a diagnosis was made:
 * <ul>
 *   <li>{@link #deadUnits}: hidden layers where at least half the ReLU units have an input of at most 0 for
 *       every training sample;</li>
 *   <li>{@link #gradients}: vanishing or exploding gradients, from per-layer gradient norms;</li>
 *   <li>{@link #lossCurve}: a diverging loss, a learning rate too high or too low, a plateau;</li>
 *   <li>{@link #overfitting}: validation loss rising while training loss falls.</li>
 * </ul>
 * Finding nothing is not a proof of health; each check looks for one well-known pattern.
 */
public final class TrainingDoctor {

    /** A hidden layer with at least this share of dead units is diagnosed. */
    static final double DEAD_FRACTION = 0.5;
    /** A first layer learning this many times slower than the last has vanishing gradients. */
    static final double VANISHING_RATIO = 1e-4;
    /** A weight-gradient norm above this is exploding. */
    static final double EXPLODING_NORM = 1e3;
    /** Over the last epochs, a relative change in loss below this is a plateau. */
    static final double PLATEAU_CHANGE = 1e-3;

    private TrainingDoctor() {
    }

    /** Every check that the available information allows; validation losses and gradient norms may be empty. */
    public static List<Diagnosis> examine(Network network, Matrix trainingInputs, List<Double> loss,
            List<Double> validationLoss, List<double[]> gradientNorms, boolean diverged) {
        List<Diagnosis> found = new ArrayList<>();
        found.addAll(deadUnits(network, trainingInputs));
        found.addAll(gradients(gradientNorms));
        found.addAll(lossCurve(loss, diverged));
        found.addAll(overfitting(loss, validationLoss));
        return found;
    }

    /**
     * ReLU units that output 0 for every training sample: their input {@code z = x·W + b} is at most 0 everywhere,
     * so their gradient is 0 and no step can revive them. A layer is diagnosed when at least half its units are
     * dead; with the tutorial's 2 hidden units, one dead unit is enough to make XOR unlearnable.
     */
    public static List<Diagnosis> deadUnits(Network network, Matrix inputs) {
        List<Diagnosis> found = new ArrayList<>();
        List<LayerTrace> traces = network.trace(inputs);
        for (int l = 0; l < traces.size(); l++) {
            Dense layer = traces.get(l).layer();
            Matrix z = traces.get(l).z();
            if (layer.activation() instanceof Relu && l < traces.size() - 1) {
                List<Integer> dead = new ArrayList<>();
                double closest = Double.NEGATIVE_INFINITY;
                for (int u = 0; u < layer.units(); u++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r < z.rows(); r++) {
                        max = Math.max(max, z.get(r, u));
                    }
                    if (max <= 0) {
                        dead.add(u + 1);
                        closest = Math.max(closest, max);
                    }
                }
                // A few dead units in a wide layer are common and harmless; half a layer lost is not.
                if (!dead.isEmpty() && dead.size() >= DEAD_FRACTION * layer.units()) {
                    found.add(new Diagnosis(Diagnosis.Kind.DEAD_UNITS, String.format(Locale.ROOT,
                            "%s %s of hidden layer %d (of %d) %s dead: %s input is at most 0 for all %d training"
                                    + " samples (at best %.4g), so %s 0 and %s no gradient. The layer works with %d"
                                    + " of its %d units.",
                            dead.size() == 1 ? "unit" : "units", join(dead), l + 1, layer.units(),
                            dead.size() == 1 ? "is" : "are", dead.size() == 1 ? "its" : "their", z.rows(), closest,
                            dead.size() == 1 ? "it outputs" : "they output", dead.size() == 1 ? "gets" : "get",
                            layer.units() - dead.size(), layer.units()),
                            "Remedy: start from other weights (another --seed), use He initialisation, more hidden"
                                    + " units, leaky_relu instead of relu, or a smaller learning rate (a large step"
                                    + " can push a unit's bias below every input)."));
                }
            }
        }
        return found;
    }

    /**
     * From each epoch's mean weight-gradient norm per layer ({@link GradientNorms}): vanishing when, over the last
     * quarter of the run, the first layer's norm is below {@value #VANISHING_RATIO} of the last layer's; exploding
     * when any layer's norm exceeds {@value #EXPLODING_NORM}.
     */
    public static List<Diagnosis> gradients(List<double[]> perEpoch) {
        List<Diagnosis> found = new ArrayList<>();
        if (perEpoch.isEmpty()) {
            return found;
        }
        int layers = perEpoch.get(0).length;
        double largest = 0;
        int largestLayer = 0;
        int largestEpoch = 0;
        for (int e = 0; e < perEpoch.size(); e++) {
            for (int l = 0; l < layers; l++) {
                double v = perEpoch.get(e)[l];
                if (!(v <= largest)) {
                    largest = v;
                    largestLayer = l;
                    largestEpoch = e;
                }
            }
        }
        if (!(largest <= EXPLODING_NORM)) {
            found.add(new Diagnosis(Diagnosis.Kind.EXPLODING_GRADIENTS, String.format(Locale.ROOT,
                    "the weight gradient of layer %d reached a norm of %.3g in epoch %d (above %.0g), so single steps"
                            + " can throw the weights far off.", largestLayer + 1, largest, largestEpoch + 1,
                    EXPLODING_NORM),
                    "Remedy: clip gradients (--clip-norm 1), lower the learning rate, standardise the inputs, or use"
                            + " smaller initial weights (xavier)."));
        }
        if (layers >= 2) {
            int from = perEpoch.size() - Math.max(1, perEpoch.size() / 4);
            double first = 0;
            double last = 0;
            for (int e = from; e < perEpoch.size(); e++) {
                first += perEpoch.get(e)[0];
                last += perEpoch.get(e)[layers - 1];
            }
            if (last > 0 && first < VANISHING_RATIO * last) {
                found.add(new Diagnosis(Diagnosis.Kind.VANISHING_GRADIENTS, String.format(Locale.ROOT,
                        "the first layer's weight gradient is %.2g times the last layer's (mean norms %.3g and %.3g"
                                + " over the last %d epochs), so the first layer hardly learns.",
                        first / last, first / (perEpoch.size() - from), last / (perEpoch.size() - from),
                        perEpoch.size() - from),
                        "Remedy: use relu or leaky_relu instead of sigmoid or tanh in hidden layers, fewer layers, He"
                                + " initialisation, or Adam."));
            }
        }
        return found;
    }

    /**
     * From the training loss per epoch (or per report):
     * <ul>
     *   <li>diverging: training stopped on a non-finite loss, or the loss ends above twice its minimum after rising
     *       for its last 3 records;</li>
     *   <li>learning rate too high: the loss rose in at least 40% of the steps between records and ends no lower
     *       than half where it started;</li>
     *   <li>learning rate too low: the loss fell in (nearly) every step, but by less than 10% in all;</li>
     *   <li>plateau: over the last fifth of the run (at least 5 records) the loss changed by less than
     *       {@value #PLATEAU_CHANGE} relative, while still above 10% of where it started.</li>
     * </ul>
     */
    public static List<Diagnosis> lossCurve(List<Double> loss, boolean diverged) {
        List<Diagnosis> found = new ArrayList<>();
        int n = loss.size();
        if (diverged) {
            found.add(new Diagnosis(Diagnosis.Kind.DIVERGING_LOSS, "the loss stopped being a finite number"
                    + (n > 0 ? String.format(Locale.ROOT, " after %d good epochs (last finite loss %.4g)", n,
                            loss.get(n - 1)) : " in the first epoch") + "; training kept the last finite weights.",
                    "Remedy: lower the learning rate (by 10x), clip gradients (--clip-norm 1), or standardise the"
                            + " inputs."));
            return found;
        }
        if (n < 4) {
            return found;
        }
        double first = loss.get(0);
        double last = loss.get(n - 1);
        double min = Double.POSITIVE_INFINITY;
        for (double v : loss) {
            min = Math.min(min, v);
        }
        if (last > 2 * min && loss.get(n - 1) > loss.get(n - 2) && loss.get(n - 2) > loss.get(n - 3)
                && loss.get(n - 3) > loss.get(n - 4)) {
            found.add(new Diagnosis(Diagnosis.Kind.DIVERGING_LOSS, String.format(Locale.ROOT,
                    "the loss rose steadily at the end, to %.4g from a best of %.4g.", last, min),
                    "Remedy: lower the learning rate, add a schedule (--schedule plateau), or clip gradients."));
            return found;
        }
        int rises = 0;
        for (int i = 1; i < n; i++) {
            if (loss.get(i) > loss.get(i - 1)) {
                rises++;
            }
        }
        if (rises >= 0.4 * (n - 1) && last >= 0.5 * first) {
            found.add(new Diagnosis(Diagnosis.Kind.LEARNING_RATE_TOO_HIGH, String.format(Locale.ROOT,
                    "the loss went up in %d of %d steps and ended at %.4g from %.4g: the steps overshoot.", rises,
                    n - 1, last, first),
                    "Remedy: lower the learning rate (try 10x smaller), or use a schedule that lowers it."));
            return found;
        }
        if (rises <= 0.05 * (n - 1) && last < first && last > 0.9 * first) {
            found.add(new Diagnosis(Diagnosis.Kind.LEARNING_RATE_TOO_LOW, String.format(Locale.ROOT,
                    "the loss fell in every step but only by %.2g%% in %d records (%.4g to %.4g).",
                    100 * (first - last) / first, n, first, last),
                    "Remedy: raise the learning rate (try 10x larger), use Adam, or train for more epochs."));
            return found;
        }
        int window = Math.max(5, n / 5);
        if (n >= 2 * window) {
            double start = loss.get(n - window);
            double change = Math.abs(start - last) / Math.max(Math.abs(start), 1e-12);
            if (change < PLATEAU_CHANGE && last > 0.1 * first) {
                found.add(new Diagnosis(Diagnosis.Kind.PLATEAU, String.format(Locale.ROOT,
                        "over the last %d records the loss stayed at %.4g (changed by %.2g%%), well above where a"
                                + " fitted model ends.", window, last, 100 * change),
                        "Remedy: check for dead units, raise the learning rate or use Adam, add hidden units, or"
                                + " start from other weights."));
            }
        }
        return found;
    }

    /**
     * Validation loss rising while training loss falls: overfitting when the validation loss ends more than 10%
     * above its minimum, at least 5 epochs after it, and the training loss kept falling since.
     */
    public static List<Diagnosis> overfitting(List<Double> loss, List<Double> validationLoss) {
        List<Diagnosis> found = new ArrayList<>();
        int n = Math.min(loss.size(), validationLoss.size());
        if (n < 6) {
            return found;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (validationLoss.get(i) < validationLoss.get(best)) {
                best = i;
            }
        }
        double finalVal = validationLoss.get(n - 1);
        if (n - 1 - best >= 5 && finalVal > 1.1 * validationLoss.get(best) && loss.get(n - 1) < loss.get(best)) {
            found.add(new Diagnosis(Diagnosis.Kind.OVERFITTING, String.format(Locale.ROOT,
                    "the validation loss was lowest in epoch %d (%.4g) and rose to %.4g by epoch %d, while the"
                            + " training loss kept falling (%.4g to %.4g): the network memorises the training rows.",
                    best + 1, validationLoss.get(best), finalVal, n, loss.get(best), loss.get(n - 1)),
                    "Remedy: early stopping (--early-stopping 10 keeps the best weights), dropout (--dropout 0.2),"
                            + " weight decay or L2, a smaller network, or more data."));
        }
        return found;
    }

    /** The unit numbers, the first 8 of a long list followed by how many more. */
    private static String join(List<Integer> units) {
        int shown = units.size() > 10 ? 8 : units.size();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : i == units.size() - 1 ? " and " : ", ").append(units.get(i));
        }
        if (shown < units.size()) {
            sb.append(" and ").append(units.size() - shown).append(" more");
        }
        return sb.toString();
    }
}
