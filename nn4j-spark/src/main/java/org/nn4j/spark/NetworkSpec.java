package org.nn4j.spark;

import java.io.Serializable;
import java.util.List;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Precision;

/**
 * What executors need to rebuild a network: its architecture, by name, and its weights as plain arrays (the
 * network itself is not serializable, and need not be).
 */
record NetworkSpec(int inputs, int[] units, String[] activations, String precision) implements Serializable {

    static NetworkSpec of(Network network) {
        List<Dense> layers = network.layers();
        int[] units = new int[layers.size()];
        String[] activations = new String[layers.size()];
        for (int i = 0; i < units.length; i++) {
            units[i] = layers.get(i).units();
            activations[i] = layers.get(i).activation().name();
        }
        return new NetworkSpec(network.inputs(), units, activations, network.precision().id());
    }

    Network build() {
        Network.Builder builder = Network.builder(inputs).precision(Precision.byName(precision));
        for (int i = 0; i < units.length; i++) {
            builder.dense(units[i], Activations.byName(activations[i]));
        }
        return builder.buildWithZeroWeights();
    }

    /** The parameters' values, weight then bias per layer, as the network lists them. */
    static double[][] weightsOf(Network network) {
        List<Parameter> parameters = network.parameters();
        double[][] values = new double[parameters.size()][];
        for (int p = 0; p < values.length; p++) {
            values[p] = parameters.get(p).value().toArray();
        }
        return values;
    }

    static void load(Network network, double[][] values) {
        List<Parameter> parameters = network.parameters();
        for (int p = 0; p < values.length; p++) {
            var matrix = parameters.get(p).value();
            for (int i = 0; i < values[p].length; i++) {
                matrix.set(i, values[p][i]);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec o && inputs == o.inputs && java.util.Arrays.equals(units, o.units)
                && java.util.Arrays.equals(activations, o.activations) && precision.equals(o.precision);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputs, java.util.Arrays.hashCode(units), java.util.Arrays.hashCode(activations),
                precision);
    }
}
