package org.nn4j.doctor;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One thing the doctor found wrong with a training run, in plain words, with what to do about it.
 *
 * @param kind what went wrong
 * @param finding what was seen, with the numbers that show it
 * @param remedies what usually fixes it, most likely first
 */
public record Diagnosis(Kind kind, String finding, List<Remedy> remedies) {

    public Diagnosis {
        remedies = List.copyOf(remedies);
    }

    /** The problems the doctor knows. */
    public enum Kind {
        DEAD_UNITS("Dead ReLU units"),
        VANISHING_GRADIENTS("Vanishing gradients"),
        EXPLODING_GRADIENTS("Exploding gradients"),
        DIVERGING_LOSS("Diverging loss"),
        LEARNING_RATE_TOO_HIGH("Learning rate too high"),
        LEARNING_RATE_TOO_LOW("Learning rate too low"),
        PLATEAU("Plateau"),
        OVERFITTING("Overfitting");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        /** A short heading, e.g. "Dead ReLU units". */
        public String title() {
            return title;
        }

        /** The name in saved models and JSON, e.g. {@code dead_units}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every remedy in one sentence, e.g. "Remedy: lower the learning rate (--lr 0.1) or clip gradients." */
    public String remedy() {
        return remedy(r -> true);
    }

    /**
     * The remedies that {@code usable} accepts in one sentence, e.g. only those whose option the command that ran
     * has; empty when it accepts none.
     */
    public String remedy(Predicate<Remedy> usable) {
        List<String> texts = remedies.stream().filter(usable).map(Remedy::text).toList();
        if (texts.isEmpty()) {
            return "";
        }
        int last = texts.size() - 1;
        String joined = last == 0 ? texts.get(0)
                : String.join(", ", texts.subList(0, last)) + (last > 1 ? "," : "") + " or " + texts.get(last);
        return "Remedy: " + joined + ".";
    }

    @Override
    public String toString() {
        return kind.title() + ": " + finding + " " + remedy();
    }
}
