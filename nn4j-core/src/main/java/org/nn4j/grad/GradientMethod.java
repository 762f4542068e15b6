package org.nn4j.grad;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/** The ways nn4j computes a gradient, by name, for the command line and the training settings. */
public enum GradientMethod {
    /** The tutorial's forward difference, {@code (L(θ + ε) − L(θ)) / ε}. */
    NUMERICAL,
    /** Central difference, {@code (L(θ + ε) − L(θ − ε)) / 2ε}: more accurate, twice the forward passes. */
    CENTRAL,
    /** The chain rule: exact, and one backward pass whatever the number of weights. */
    BACKPROP;

    /** The engine for this method; {@code epsilon} is used by the numerical ones only. */
    public GradientEngine engine(double epsilon) {
        return switch (this) {
            case NUMERICAL -> NumericalGradient.forwardDifference(epsilon);
            case CENTRAL -> NumericalGradient.centralDifference(epsilon);
            case BACKPROP -> new Backpropagation();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code numerical}, {@code central} or {@code backprop} (also {@code analytic}), ignoring case. */
    public static GradientMethod byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "numerical", "forward" -> NUMERICAL;
            case "central" -> CENTRAL;
            case "backprop", "analytic", "backpropagation" -> BACKPROP;
            default -> throw new IllegalArgumentException(
                    "Unknown gradient method '" + name + "'"
                            + DidYouMean.hint(name, List.of("numerical", "central", "backprop"))
                            + "; known: numerical, central, backprop");
        };
    }
}
