package org.nn4j.grad;

/**
 * The gradient check's verdict on one parameter tensor: the largest absolute difference between the two engines'
 * gradients, the largest relative difference, and whether the tensor passed.
 *
 * @param name the tensor's name, e.g. {@code layers.0.weight}
 * @param maxAbsoluteError max over elements of {@code |g − r|}
 * @param maxRelativeError max over elements of {@code |g − r| / max(|g|, |r|, floor)}
 * @param passed whether {@code maxRelativeError} is below the tolerance
 */
public record TensorCheck(String name, double maxAbsoluteError, double maxRelativeError, boolean passed) {
}
