package org.nn4j.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/**
 * How {@link Lbfgs} chooses the length of each step along its direction: a fixed step of the learning rate, or
 * the strong Wolfe line search (enough decrease and a flatter slope): PyTorch's {@code line_search_fn}
 * {@code None} and {@code 'strong_wolfe'}.
 */
public enum LineSearch {

    /** Steps of the learning rate (the first one scaled down by the gradient's size), as PyTorch's default. */
    NONE("none"),
    /** Steps that satisfy the strong Wolfe conditions: enough decrease, and a flatter slope. */
    STRONG_WOLFE("strong_wolfe");

    private final String label;

    LineSearch(String label) {
        this.label = label;
    }

    /** The name on command lines and in model files: {@code none} or {@code strong_wolfe}. */
    public String label() {
        return label;
    }

    /** The labels {@link #byName} knows. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(LineSearch::label).toList();
    }

    /** The line search by its label, in any case. */
    public static LineSearch byName(String name) {
        for (LineSearch search : values()) {
            if (search.label.equals(name.toLowerCase(Locale.ROOT))) {
                return search;
            }
        }
        throw new IllegalArgumentException("Unknown line search '" + name + "'" + DidYouMean.hint(name, labels())
                + "; expected " + String.join(" or ", labels()));
    }
}
