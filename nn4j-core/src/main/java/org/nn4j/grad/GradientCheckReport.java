package org.nn4j.grad;

import java.util.List;

/** The result of a {@link GradientCheck}: one verdict per parameter tensor. */
public record GradientCheckReport(String testedEngine, String referenceEngine, double tolerance,
        List<TensorCheck> tensors) {

    public GradientCheckReport {
        tensors = List.copyOf(tensors);
    }

    /** True when every tensor passed. */
    public boolean passed() {
        return tensors.stream().allMatch(TensorCheck::passed);
    }

    /** The largest relative error over all tensors. */
    public double maxRelativeError() {
        return tensors.stream().mapToDouble(TensorCheck::maxRelativeError).max().orElse(0.0);
    }

    /** A table for people: one line per tensor, then the verdict. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Gradient check: %s against %s, tolerance %.1e (relative)%n", testedEngine,
                referenceEngine, tolerance));
        sb.append(String.format("%-20s %14s %14s  %s%n", "tensor", "max abs error", "max rel error", "result"));
        for (TensorCheck t : tensors) {
            sb.append(String.format("%-20s %14.3e %14.3e  %s%n", t.name(), t.maxAbsoluteError(),
                    t.maxRelativeError(), t.passed() ? "pass" : "FAIL"));
        }
        sb.append(passed() ? "All tensors pass." : "Some tensors FAIL.").append(System.lineSeparator());
        return sb.toString();
    }
}
