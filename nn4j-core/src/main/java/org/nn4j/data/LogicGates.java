package org.nn4j.data;

import org.nn4j.tensor.Matrix;

/** Truth tables of two-input logic gates, rows in the tutorial's order: (0,0), (0,1), (1,0), (1,1). */
public final class LogicGates {

    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    private LogicGates() {
    }

    /** Exclusive or: 1 when exactly one input is 1. Not linearly separable, so it needs a hidden layer. */
    public static Dataset xor() {
        return new Dataset("xor", Matrix.of(INPUTS), Matrix.of(4, 1, 0, 1, 1, 0));
    }
}
