package org.nn4j.doctor;

import static org.nn4j.doctor.Remedies.LOWER_ON_A_SCHEDULE;
import static org.nn4j.doctor.Remedies.clipGradients;
import static org.nn4j.doctor.Remedies.deadUnitRemedies;
import static org.nn4j.doctor.Remedies.lowerLearningRate;
import static org.nn4j.doctor.Remedies.raiseLearningRate;
import static org.nn4j.doctor.Remedies.remedies;
import static org.nn4j.doctor.Remedies.useAdam;

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
 * Findings about a loss curve need an effect worth a user's time: a loss below {@value #NEGLIGIBLE_LOSS} is already
 * fitted, and a change smaller than {@value #SMALL_EFFECT} of the starting loss is noise, whatever its ratio (a
 * validation loss "rising" from 5e-10 to 2e-7 is not overfitting). The remedies name command-line options; a front
 * end shows only those its command has ({@link Diagnosis#remedy(java.util.function.Predicate)}), and the doctor
 * leaves out what {@link RunSettings} says the run already does.
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
    /** A loss below this is fitted: it is never called diverging, overfitting, a plateau or too slow. */
    static final double NEGLIGIBLE_LOSS = 1e-2;
    /** A change in loss smaller than this share of the starting loss is noise, not a finding. */
    static final double SMALL_EFFECT = 0.1;
    /** A rise between two records by more than this share of the earlier one (and 5% of the start) is a jump. */
    static final double JUMP = 0.1;
    /** A loss that jumps up in at least this share of its steps (and at least 3 times) is unstable. */
    static final double UNSTABLE_SHARE = 0.25;

    private TrainingDoctor() {
    }

    /**
     * Every check that the available information allows; validation losses and gradient norms may be empty.
     * {@code settings} says what the run did already, so that no remedy repeats it. In a run that {@link #fitted}
     * only exploding gradients are looked for among the network's checks: dead units and a slow first layer did
     * not stop it.
     */
    public static List<Diagnosis> examine(Network network, Matrix trainingInputs, List<Double> loss,
            List<Double> validationLoss, List<double[]> gradientNorms, boolean diverged, RunSettings settings) {
        List<Diagnosis> found = new ArrayList<>();
        // Dead units and slow first layers in a run that fitted anyway cost nothing the user can see.
        if (!fitted(loss)) {
            found.addAll(deadUnits(network, trainingInputs, settings));
            found.addAll(gradients(gradientNorms, settings));
        } else {
            gradients(gradientNorms, settings).stream()
                    .filter(d -> d.kind() == Diagnosis.Kind.EXPLODING_GRADIENTS).forEach(found::add);
        }
        found.addAll(lossCurve(loss, diverged, settings));
        found.addAll(overfitting(loss, validationLoss, settings));
        return found;
    }

    /**
     * Whether the training loss ended fitted: below {@value #NEGLIGIBLE_LOSS}, or at most {@value #SMALL_EFFECT} of
     * where it started.
     */
    static boolean fitted(List<Double> loss) {
        if (loss.size() < 2) {
            return false;
        }
        double last = loss.get(loss.size() - 1);
        return last < NEGLIGIBLE_LOSS || last <= SMALL_EFFECT * loss.get(0);
    }

    /**
     * ReLU units that output 0 for every training sample: their input {@code z = x·W + b} is at most 0 everywhere,
     * so their gradient is 0 and no step can revive them. A layer is diagnosed when at least half its units are
     * dead; with the tutorial's 2 hidden units, one dead unit is enough to make XOR unlearnable.
     */
    public static List<Diagnosis> deadUnits(Network network, Matrix inputs) {
        return deadUnits(network, inputs, RunSettings.unknown());
    }

    /** As {@link #deadUnits(Network, Matrix)}, with remedies that leave out what {@code settings} already does. */
    public static List<Diagnosis> deadUnits(Network network, Matrix inputs, RunSettings settings) {
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
                            layer.units() - dead.size(), layer.units()), deadUnitRemedies(layer.units(), settings)));
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
        return gradients(perEpoch, RunSettings.unknown());
    }

    /** As {@link #gradients(List)}, with remedies that leave out what {@code settings} already does. */
    public static List<Diagnosis> gradients(List<double[]> perEpoch, RunSettings settings) {
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
                    EXPLODING_NORM), remedies(clipGradients(settings), lowerLearningRate(settings),
                            "xavier".equals(settings.init()) ? null
                                    : Remedy.option("use smaller initial weights (--init xavier)", "--init",
                                            "xavier"))));
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
                        perEpoch.size() - from), remedies(
                                "relu".equals(settings.activation()) ? null : Remedy.option(
                                        "use relu instead of sigmoid or tanh in hidden layers (--activation relu)",
                                        "--activation", "relu"),
                                Remedy.option("use fewer layers (--hidden)", "--hidden", null),
                                "he".equals(settings.init()) ? null
                                        : Remedy.option("use He initialisation (--init he)", "--init", "he"),
                                useAdam(settings))));
            }
        }
        return found;
    }

    /**
     * From the training loss per epoch (or per report), with {@code first} the first record:
     * <ul>
     *   <li>diverging: training stopped on a non-finite loss, or the loss rose for its last 3 records to above twice
     *       its minimum, by at least {@value #SMALL_EFFECT} of {@code first}, and ends above
     *       {@value #NEGLIGIBLE_LOSS};</li>
     *   <li>learning rate too high: the loss is unstable, jumping up (by more than {@value #JUMP} of the record
     *       before and 5% of {@code first}) in at least {@value #UNSTABLE_SHARE} of its steps, 3 times or more;</li>
     *   <li>learning rate too low: the loss fell in (nearly) every step, but by less than 10% in all, and is not
     *       already below {@value #NEGLIGIBLE_LOSS};</li>
     *   <li>plateau: over the last fifth of the run (at least 5 records) the loss changed by less than
     *       {@value #PLATEAU_CHANGE} relative, while still above 10% of {@code first} and above
     *       {@value #NEGLIGIBLE_LOSS}.</li>
     * </ul>
     */
    public static List<Diagnosis> lossCurve(List<Double> loss, boolean diverged) {
        return lossCurve(loss, diverged, RunSettings.unknown());
    }

    /** As {@link #lossCurve(List, boolean)}, with remedies that leave out what {@code settings} already does. */
    public static List<Diagnosis> lossCurve(List<Double> loss, boolean diverged, RunSettings settings) {
        List<Diagnosis> found = new ArrayList<>();
        int n = loss.size();
        if (diverged) {
            found.add(new Diagnosis(Diagnosis.Kind.DIVERGING_LOSS, "the loss stopped being a finite number"
                    + (n > 0 ? String.format(Locale.ROOT, " after %d good epochs (last finite loss %s)", n,
                            number(loss.get(n - 1))) : " in the first epoch") + "; training kept the last finite"
                    + " weights.", remedies(lowerLearningRate(settings), clipGradients(settings))));
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
        if (last > 2 * min && last - min >= SMALL_EFFECT * first && last >= NEGLIGIBLE_LOSS
                && loss.get(n - 1) > loss.get(n - 2) && loss.get(n - 2) > loss.get(n - 3)
                && loss.get(n - 3) > loss.get(n - 4)) {
            found.add(new Diagnosis(Diagnosis.Kind.DIVERGING_LOSS, String.format(Locale.ROOT,
                    "the loss rose steadily at the end, to %s from a best of %s.", number(last), number(min)),
                    remedies(lowerLearningRate(settings),
                            LOWER_ON_A_SCHEDULE,
                            clipGradients(settings))));
            return found;
        }
        int jumps = jumps(loss, first);
        if (unstable(jumps, n - 1)) {
            double max = loss.stream().mapToDouble(Double::doubleValue).max().orElse(first);
            found.add(new Diagnosis(Diagnosis.Kind.LEARNING_RATE_TOO_HIGH, String.format(Locale.ROOT,
                    "the loss jumped up in %d of %d steps, between %s and %s: the steps overshoot.", jumps, n - 1,
                    number(min), number(max)), remedies(lowerLearningRate(settings),
                            LOWER_ON_A_SCHEDULE,
                            clipGradients(settings))));
            return found;
        }
        int rises = 0;
        for (int i = 1; i < n; i++) {
            if (loss.get(i) > loss.get(i - 1)) {
                rises++;
            }
        }
        if (rises <= 0.05 * (n - 1) && last < first && last > 0.9 * first && last >= NEGLIGIBLE_LOSS) {
            found.add(new Diagnosis(Diagnosis.Kind.LEARNING_RATE_TOO_LOW, String.format(Locale.ROOT,
                    "the loss fell in every step but only by %.2g%% in %d records (%.4f to %.4f).",
                    100 * (first - last) / first, n, first, last),
                    remedies(raiseLearningRate(settings), useAdam(settings),
                            Remedy.option("train for more epochs (a larger --epochs)", "--epochs", null))));
            return found;
        }
        int window = Math.max(5, n / 5);
        // L-BFGS converges within its first epochs and stops where the gradient vanishes: flat is done, not stuck.
        if (n >= 2 * window && !settings.usesLbfgs()) {
            double start = loss.get(n - window);
            double change = Math.abs(start - last) / Math.max(Math.abs(start), 1e-12);
            if (change < PLATEAU_CHANGE && last > 0.1 * first && last >= NEGLIGIBLE_LOSS) {
                found.add(new Diagnosis(Diagnosis.Kind.PLATEAU, String.format(Locale.ROOT,
                        "over the last %d records the loss stayed at %s (changed by %.2g%%), well above where a"
                                + " fitted model ends.", window, number(last), 100 * change),
                        remedies(Remedy.plain("look for dead units"), raiseLearningRate(settings), useAdam(settings),
                                Remedy.option("add hidden units (--hidden)", "--hidden", null),
                                Remedy.option("start from other weights (another --seed)", "--seed", null))));
            }
        }
        return found;
    }

    /**
     * Validation loss rising while training loss falls: overfitting when the validation loss ends more than 10%
     * above its minimum, at least 5 epochs after it, by at least {@value #SMALL_EFFECT} of its first value and above
     * {@value #NEGLIGIBLE_LOSS}, and the training loss fell since without jumping (an unstable training loss is a
     * learning rate too high, which {@link #lossCurve} reports).
     */
    public static List<Diagnosis> overfitting(List<Double> loss, List<Double> validationLoss) {
        return overfitting(loss, validationLoss, RunSettings.unknown());
    }

    /** As {@link #overfitting(List, List)}, with remedies that leave out what {@code settings} already does. */
    public static List<Diagnosis> overfitting(List<Double> loss, List<Double> validationLoss, RunSettings settings) {
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
        double bestVal = validationLoss.get(best);
        double finalVal = validationLoss.get(n - 1);
        boolean material = finalVal - bestVal >= SMALL_EFFECT * validationLoss.get(0) && finalVal >= NEGLIGIBLE_LOSS;
        boolean trainingFellSmoothly = loss.get(n - 1) < loss.get(best)
                && !unstable(jumps(loss.subList(best, n), loss.get(0)), n - 1 - best);
        if (n - 1 - best >= 5 && finalVal > 1.1 * bestVal && material && trainingFellSmoothly) {
            found.add(new Diagnosis(Diagnosis.Kind.OVERFITTING, String.format(Locale.ROOT,
                    "the validation loss was lowest in epoch %d (%s) and rose to %s by epoch %d, while the"
                            + " training loss kept falling (%s to %s): the network memorises the training rows.",
                    best + 1, number(bestVal), number(finalVal), n, number(loss.get(best)),
                    number(loss.get(n - 1))), remedies(
                            settings.stopsEarly() ? null : Remedy.option("stop early (--early-stopping 10 keeps"
                                    + " the best weights)", "--early-stopping", "10"),
                            settings.dropout() > 0 || settings.usesLbfgs() ? null
                                    : Remedy.option("add dropout (--dropout 0.2)", "--dropout", "0.2"),
                            settings.usesLbfgs() ? Remedy.option("add an L2 penalty (--l2 0.01)", "--l2", "0.01")
                                    : Remedy.option("add weight decay (--weight-decay 0.01)", "--weight-decay", "0.01"),
                            Remedy.option("use a smaller network (--hidden)", "--hidden", null),
                            Remedy.plain("get more data"))));
        }
        return found;
    }

    /** How often the loss rose by more than {@value #JUMP} of the record before and 5% of {@code start}. */
    private static int jumps(List<Double> loss, double start) {
        int jumps = 0;
        for (int i = 1; i < loss.size(); i++) {
            double rise = loss.get(i) - loss.get(i - 1);
            if (rise > JUMP * Math.abs(loss.get(i - 1)) && rise > SMALL_EFFECT / 2 * Math.abs(start)) {
                jumps++;
            }
        }
        return jumps;
    }

    /** Jumps in at least {@value #UNSTABLE_SHARE} of the steps, and at least 3: a loss the steps throw about. */
    private static boolean unstable(int jumps, int steps) {
        return jumps >= 3 && jumps >= UNSTABLE_SHARE * steps;
    }

    /** A loss for a finding: 4 significant digits, small ones in scientific notation, never "-0". */
    private static String number(double value) {
        double v = value + 0.0; // turns -0.0 into 0.0
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
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
