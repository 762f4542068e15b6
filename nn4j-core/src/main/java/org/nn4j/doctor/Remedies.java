package org.nn4j.doctor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The doctor's advice, each remedy once, leaving out what the run's {@link RunSettings} say it already does. */
final class Remedies {

    static final Remedy LOWER_ON_A_SCHEDULE =
            Remedy.option("use a schedule that lowers it (--schedule plateau)", "--schedule", "plateau");

    private Remedies() {
    }

    static List<Remedy> deadUnitRemedies(int units, RunSettings settings) {
        return remedies(Remedy.option("start from other weights (another --seed)", "--seed", null),
                "he".equals(settings.init()) ? null
                        : Remedy.option("use He initialisation (--init he)", "--init", "he"),
                Remedy.option("add hidden units (--hidden " + 4 * units + ")", "--hidden", null),
                Remedy.option("use leaky_relu instead of relu (--activation leaky_relu)", "--activation",
                        "leaky_relu"),
                lowerLearningRate(settings, "use a smaller learning rate (%s; a large step can push a unit's bias below"
                        + " every input)"));
    }

    static Remedy lowerLearningRate(RunSettings settings) {
        return lowerLearningRate(settings, "lower the learning rate (%s)");
    }

    static Remedy lowerLearningRate(RunSettings settings, String words) {
        String value = settings.learningRate() != null ? plain(settings.learningRate() / 10) : null;
        return Remedy.option(String.format(Locale.ROOT, words, value != null ? "--lr " + value : "try 10x smaller"),
                "--lr", value);
    }

    static Remedy raiseLearningRate(RunSettings settings) {
        String value = settings.learningRate() != null ? plain(settings.learningRate() * 10) : null;
        return Remedy.option("raise the learning rate (" + (value != null ? "--lr " + value : "try 10x larger") + ")",
                "--lr", value);
    }

    static Remedy useAdam(RunSettings settings) {
        return settings.usesAdam() ? null : Remedy.option("use Adam (--optimizer adam)", "--optimizer", "adam");
    }

    static Remedy clipGradients(RunSettings settings) {
        return settings.clipNorm() > 0 && settings.clipNorm() <= 1 || settings.usesLbfgs() ? null
                : Remedy.option("clip gradients (--clip-norm 1)", "--clip-norm", "1");
    }

    /** The remedies that apply, in order; null stands for one the run's settings make pointless. */
    static List<Remedy> remedies(Remedy... candidates) {
        List<Remedy> list = new ArrayList<>();
        for (Remedy r : candidates) {
            if (r != null) {
                list.add(r);
            }
        }
        return list;
    }

    /** A value with 3 significant digits and no trailing zeros, as a user would type it: 0.001, 10. */
    private static String plain(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
