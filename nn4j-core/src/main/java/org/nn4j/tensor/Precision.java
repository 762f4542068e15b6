package org.nn4j.tensor;

import java.util.List;
import java.util.Locale;
import org.nn4j.names.DidYouMean;

/**
 * How a matrix stores its numbers. float64 is exact enough for gradient checks and reproduces the tutorial's
 * numpy trajectories; float32 halves the memory and, with fused multiply-add in its kernels, about doubles the
 * speed of matrix products, which is what training and prediction spend their time on. float32 is the default of
 * {@code Network.builder} and of {@code nn4j train}, as of PyTorch and Keras.
 */
public enum Precision {
    FLOAT64,
    FLOAT32;

    /** {@code float64} or {@code float32}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float64}/{@code f64}/{@code double} or {@code float32}/{@code f32}/{@code float}. */
    public static Precision byName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "float64", "f64", "double":
                return FLOAT64;
            case "float32", "f32", "float":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("Unknown precision '" + name + "'"
                        + DidYouMean.hint(name, List.of("float64", "float32")) + "; expected float64 or float32");
        }
    }
}
