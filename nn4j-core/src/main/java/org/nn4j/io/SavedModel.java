package org.nn4j.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nn4j.data.Preprocessing;
import org.nn4j.nn.Network;

/**
 * A network as stored in a model file, with the record of how it was trained.
 *
 * @param network the architecture and weights
 * @param training free-form provenance (engine, optimizer, epochs, seed, data file…), saved as strings
 * @param preprocessing how raw table rows become inputs and outputs become answers; null for a network trained on
 *     ready-made numbers (such as {@code nn4j xor})
 * @param history each metric's value per epoch ({@code loss}, {@code val_loss}, {@code lr}, …); empty when none
 *     was kept
 */
public record SavedModel(Network network, Map<String, String> training, Preprocessing preprocessing,
        Map<String, List<Double>> history) {

    public SavedModel {
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        history = Collections.unmodifiableMap(copy);
    }

    /** A model without preprocessing or history. */
    public SavedModel(Network network, Map<String, String> training) {
        this(network, training, null, Map.of());
    }

    public Optional<Preprocessing> preprocessingIfAny() {
        return Optional.ofNullable(preprocessing);
    }
}
