package org.nn4j.nn;

import org.nn4j.tensor.Matrix;

/**
 * One layer's part of a forward pass, kept for looking at: its pre-activation {@code z = x·W + b} and its output
 * {@code a = f(z)}, one row per sample.
 */
public record LayerTrace(Dense layer, Matrix z, Matrix a) {
}
