package org.nn4j.nn;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/** The built-in initialisers, and lookup by name. */
public final class Initializers {

    public static final Initializer STANDARD_NORMAL = new StandardNormal();
    public static final Initializer XAVIER = new Xavier();
    public static final Initializer HE = new He();

    private Initializers() {
    }

    /** {@code normal}, {@code xavier} (or {@code glorot}) or {@code he} (or {@code kaiming}), ignoring case. */
    public static Initializer byName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "normal":
                return STANDARD_NORMAL;
            case "xavier":
            case "glorot":
                return XAVIER;
            case "he":
            case "kaiming":
                return HE;
            default:
                throw new IllegalArgumentException("Unknown initializer '" + name + "'"
                        + DidYouMean.hint(name, List.of("normal", "xavier", "he")) + "; known: normal, xavier, he");
        }
    }
}
