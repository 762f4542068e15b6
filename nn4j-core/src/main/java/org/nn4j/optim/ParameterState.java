package org.nn4j.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.nn.Parameter;

/**
 * One array per parameter, allocated (as zeros) the first time the parameter is seen: the momentum buffers and
 * moment estimates that optimizers carry from step to step.
 */
final class ParameterState {

    private final Map<Parameter, double[]> buffers = new IdentityHashMap<>();

    /** The buffer for {@code p}, as long as its value; zeros on first use. */
    double[] of(Parameter p) {
        return buffers.computeIfAbsent(p, key -> new double[key.value().size()]);
    }

    /** True when {@code p} has no buffer yet: the first step for it. */
    boolean isNew(Parameter p) {
        return !buffers.containsKey(p);
    }

    /** Copies each parameter's buffer, where it has one, into {@code out} as {@code <parameter>.<slot>}. */
    void saveTo(String slot, List<Parameter> parameters, Map<String, double[]> out) {
        for (Parameter p : parameters) {
            double[] buffer = buffers.get(p);
            if (buffer != null) {
                out.put(p.name() + "." + slot, buffer.clone());
            }
        }
    }

    /** Replaces the buffers with those saved by {@link #saveTo}; a parameter with none saved starts afresh. */
    void restoreFrom(String slot, List<Parameter> parameters, Map<String, double[]> saved) {
        buffers.clear();
        for (Parameter p : parameters) {
            double[] buffer = saved.get(p.name() + "." + slot);
            if (buffer != null) {
                if (buffer.length != p.value().size()) {
                    throw new IllegalArgumentException("The saved " + slot + " of " + p.name() + " has "
                            + buffer.length + " values, but the parameter has " + p.value().size());
                }
                buffers.put(p, buffer.clone());
            }
        }
    }
}
