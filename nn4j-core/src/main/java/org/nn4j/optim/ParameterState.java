package org.nn4j.optim;

import java.util.IdentityHashMap;
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
}
