package org.nn4j.doctor;

import java.util.Locale;

/**
 * One thing the doctor found wrong with a training run, in plain words, with what to do about it.
 *
 * @param kind what went wrong
 * @param finding what was seen, with the numbers that show it
 * @param remedy what usually fixes it
 */
public record Diagnosis(Kind kind, String finding, String remedy) {

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

    @Override
    public String toString() {
        return kind.title() + ": " + finding + " " + remedy;
    }
}
