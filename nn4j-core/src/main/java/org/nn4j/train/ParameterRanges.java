package org.nn4j.train;

import java.util.List;
import java.util.function.IntConsumer;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Optimizer;
import org.nn4j.tensor.Parallel;

/**
 * A network's parameters cut into ranges of at most {@value #RANGE} elements, so that the element-wise work of a
 * training step over all of them (the optimizer's update, the check that the gradients are finite, the sum of a
 * batch's slices) is shared by the threads of {@link Parallel}. Each element is handled by one thread in one order,
 * so the results do not depend on the number of threads. Networks of fewer than {@value #PARALLEL_ELEMENTS}
 * parameters are handled on the calling thread: handing their work out would cost more than it saves.
 */
public final class ParameterRanges {

    /** The most elements of one range. */
    static final int RANGE = 16_384;
    /** Fewer parameters than this are updated and checked on the calling thread. */
    static final long PARALLEL_ELEMENTS = 65_536;

    final List<Parameter> parameters;
    /** For range r: its parameter's index, and its first and past-the-last elements. */
    final int[] parameter;
    final int[] from;
    final int[] to;
    private final boolean parallel;
    private final boolean[] finite;
    private Optimizer optimizer;
    private final IntConsumer updateTask = this::updateRange;
    private final IntConsumer finiteTask = this::checkRange;

    /** The ranges of {@code parameters} (a network's, in its order). */
    public ParameterRanges(List<Parameter> parameters) {
        this.parameters = parameters;
        int count = 0;
        long elements = 0;
        for (Parameter p : parameters) {
            count += (p.value().size() + RANGE - 1) / RANGE;
            elements += p.value().size();
        }
        parameter = new int[count];
        from = new int[count];
        to = new int[count];
        int r = 0;
        for (int p = 0; p < parameters.size(); p++) {
            int size = parameters.get(p).value().size();
            for (int at = 0; at < size; at += RANGE) {
                parameter[r] = p;
                from[r] = at;
                to[r++] = Math.min(size, at + RANGE);
            }
        }
        parallel = elements >= PARALLEL_ELEMENTS;
        finite = new boolean[count];
    }

    /** The number of ranges. */
    public int count() {
        return parameter.length;
    }

    /** The optimizer's step over every parameter, its element-wise part split over the threads when it can be. */
    public void step(Optimizer optimizer) {
        if (!parallel || !optimizer.splitsIntoRanges()) {
            optimizer.step(parameters);
            return;
        }
        optimizer.prepare(parameters);
        this.optimizer = optimizer;
        Parallel.forEach(count(), updateTask);
        this.optimizer = null;
    }

    /** True when every gradient element is a finite number. */
    public boolean gradientsFinite() {
        if (!parallel) {
            for (int i = 0, n = parameters.size(); i < n; i++) {
                if (!parameters.get(i).gradient().isFinite()) {
                    return false;
                }
            }
            return true;
        }
        Parallel.forEach(count(), finiteTask);
        for (boolean ok : finite) {
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void updateRange(int r) {
        optimizer.update(parameters.get(parameter[r]), from[r], to[r]);
    }

    private void checkRange(int r) {
        finite[r] = parameters.get(parameter[r]).gradient().isFinite(from[r], to[r]);
    }
}
