package org.nn4j.tutorial;

import java.util.Map;
import org.nn4j.nn.Network;
import org.nn4j.train.FitResult;

/**
 * A trained XOR network, how its loss went, and the training record to save with it.
 */
public record XorResult(Network network, FitResult history, Map<String, String> provenance) {

    public XorResult {
        provenance = Map.copyOf(provenance);
    }
}
