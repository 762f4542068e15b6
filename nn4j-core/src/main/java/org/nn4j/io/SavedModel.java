package org.nn4j.io;

import java.util.Map;
import org.nn4j.nn.Network;

/**
 * A network as stored in a model file, with the record of how it was trained.
 *
 * @param network the architecture and weights
 * @param training free-form provenance (engine, learning rate, epochs, seed, final loss…), saved as strings
 */
public record SavedModel(Network network, Map<String, String> training) {

    public SavedModel {
        training = Map.copyOf(training);
    }
}
