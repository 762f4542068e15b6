package org.nn4j.optim;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/**
 * Learning-rate schedules from short specifications, for command lines: {@code constant}, {@code step:S:G}
 * (×G every S epochs; default S = 30, G = 0.1), {@code exponential:G} (default 0.95), {@code cosine:T:MIN}
 * (default T = the number of epochs, MIN = 0), {@code plateau:F:P} (default F = 0.1, P = 10).
 */
public final class Schedules {

    /** The kinds of schedule {@link #parse} knows. */
    public static final List<String> KINDS = List.of("constant", "step", "exponential", "cosine", "plateau");

    private Schedules() {
    }

    public static LearningRateSchedule parse(String spec, int epochs) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", -1);
        try {
            return switch (parts[0]) {
                case "constant" -> arguments(parts, 0, spec) == 0 ? new ConstantRate() : null;
                case "step" -> new StepDecay((int) number(parts, 1, 30, spec), number(parts, 2, 0.1, spec));
                case "exponential" -> new ExponentialDecay(number(parts, 1, 0.95, spec));
                case "cosine" -> new CosineAnnealing((int) number(parts, 1, epochs, spec), number(parts, 2, 0, spec));
                case "plateau" -> new ReduceOnPlateau(number(parts, 1, 0.1, spec), (int) number(parts, 2, 10, spec));
                default -> throw new IllegalArgumentException("Unknown schedule '" + spec + "'"
                        + DidYouMean.hint(parts[0], KINDS) + "; expected constant,"
                        + " step[:STEP_SIZE:GAMMA], exponential[:GAMMA], cosine[:T_MAX:MIN_LR] or"
                        + " plateau[:FACTOR:PATIENCE]");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The schedule '" + spec + "' has a value that is not a number");
        }
    }

    private static int arguments(String[] parts, int allowed, String spec) {
        if (parts.length - 1 > allowed) {
            throw new IllegalArgumentException("The schedule '" + spec + "' takes at most " + allowed + " values");
        }
        return 0;
    }

    private static double number(String[] parts, int index, double fallback, String spec) {
        if (parts.length > 3) {
            throw new IllegalArgumentException("The schedule '" + spec + "' has too many values");
        }
        return index < parts.length && !parts[index].isEmpty() ? Double.parseDouble(parts[index]) : fallback;
    }
}
