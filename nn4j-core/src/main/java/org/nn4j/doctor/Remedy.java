package org.nn4j.doctor;

import java.util.Objects;

/**
 * One thing to try against a diagnosis, in words, and the command-line option it needs (if any), so that a front
 * end can leave out advice it cannot follow: an option its command lacks, or one already set to that value.
 *
 * @param text the advice as it is printed, e.g. "clip gradients (--clip-norm 1)"
 * @param option the option the advice needs, e.g. {@code --clip-norm}; null for advice that needs none
 * @param value the value the advice gives that option, e.g. {@code 1}; null when any other value will do
 */
public record Remedy(String text, String option, String value) {

    public Remedy {
        Objects.requireNonNull(text, "text");
    }

    /** Advice that needs no option, e.g. "more data". */
    public static Remedy plain(String text) {
        return new Remedy(text, null, null);
    }

    /** Advice that sets {@code option} to {@code value} (null: to another value than now). */
    public static Remedy option(String text, String option, String value) {
        return new Remedy(text, Objects.requireNonNull(option, "option"), value);
    }

    @Override
    public String toString() {
        return text;
    }
}
