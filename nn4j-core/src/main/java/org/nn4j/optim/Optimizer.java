package org.nn4j.optim;

import java.util.List;
import org.nn4j.nn.Parameter;

/** Updates parameters from their gradients. Knows nothing of layers: only values and gradients. */
public interface Optimizer {

    /** A short description for reports, e.g. {@code gradient descent (lr=0.01)}. */
    String name();

    /** Applies one update to every parameter from its current gradient. */
    void step(List<Parameter> parameters);
}
