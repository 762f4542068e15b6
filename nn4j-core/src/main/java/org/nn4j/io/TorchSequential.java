package org.nn4j.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Maps the weights of a PyTorch {@code nn.Sequential} of {@code nn.Linear} layers (its {@code state_dict}, saved as
 * safetensors) to an nn4j {@link Network}.
 *
 * <p>The mapping: the Linear layers are the tensor-name prefixes that have a {@code .weight}, taken in the order of
 * the numbers in their names ({@code 0}, {@code 2}, {@code 4}; or {@code net.0}, {@code net.2}, …). PyTorch stores a
 * Linear weight as units×inputs and computes {@code x·Wᵀ + b}; nn4j stores inputs×units and computes
 * {@code x·W + b}, so each weight is transposed. A layer saved without {@code .bias} gets zero biases.
 * Activations have no weights, so they are not in the file and are given separately, one per Linear layer.
 * The same mapping read backwards loads an nn4j model file in PyTorch ({@code interop/nn4j_torch.py}).
 */
public final class TorchSequential {

    private TorchSequential() {
    }

    /**
     * Builds the network for {@code tensors}, with {@code activations.get(k)} after Linear layer k.
     *
     * @param sizes the expected layer sizes, input first (e.g. {@code [4, 16, 3]}), or empty to take them from the
     *     file
     * @throws IllegalArgumentException naming what does not fit: a tensor that is not a Linear weight or bias, a
     *     shape that does not chain, sizes or activations that do not match the layers found
     */
    public static Network toNetwork(Map<String, SafetensorsFile.Tensor> tensors, List<Integer> sizes,
            List<Activation> activations, Precision precision) {
        List<String> prefixes = linearPrefixes(tensors);
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < prefixes.size(); k++) {
            SafetensorsFile.Tensor weight = tensors.get(prefixes.get(k) + ".weight");
            if (weight.rank() != 2) {
                throw new IllegalArgumentException(weight.name() + " should be a matrix (units×inputs), got shape "
                        + weight.shapeText());
            }
            int units = (int) weight.dim(0);
            int inputs = (int) weight.dim(1);
            if (k == 0) {
                found.add(inputs);
            } else if (inputs != found.get(k)) {
                throw new IllegalArgumentException(weight.name() + " takes " + inputs + " inputs, but the Linear layer"
                        + " before gives " + found.get(k) + " outputs");
            }
            SafetensorsFile.Tensor bias = tensors.get(prefixes.get(k) + ".bias");
            if (bias != null && (bias.rank() != 1 || bias.dim(0) != units)) {
                throw new IllegalArgumentException(bias.name() + " should have shape [" + units + "], got "
                        + bias.shapeText());
            }
            FiniteWeights.require(weight.name(), weight.values());
            if (bias != null) {
                FiniteWeights.require(bias.name(), bias.values());
            }
            found.add(units);
        }
        if (!sizes.isEmpty() && !sizes.equals(found)) {
            throw new IllegalArgumentException("The layer sizes given, " + join(sizes) + ", do not match the file's "
                    + join(found) + " (" + prefixes.size() + " Linear layers: " + String.join(", ", prefixes) + ")");
        }
        if (activations.size() != prefixes.size()) {
            throw new IllegalArgumentException("The file has " + prefixes.size() + " Linear layers ("
                    + String.join(", ", prefixes) + "), so it needs " + prefixes.size() + " activations, one after each"
                    + " (identity for none); got " + activations.size());
        }
        Network.Builder builder = Network.builder(found.get(0)).precision(precision);
        for (int k = 0; k < prefixes.size(); k++) {
            builder.dense(found.get(k + 1), activations.get(k));
        }
        Network network = builder.buildWithZeroWeights();
        for (int k = 0; k < prefixes.size(); k++) {
            Dense layer = network.layers().get(k);
            double[] w = tensors.get(prefixes.get(k) + ".weight").values();
            Matrix weight = layer.weight().value();
            int inputs = layer.inputs();
            for (int unit = 0; unit < layer.units(); unit++) {
                for (int in = 0; in < inputs; in++) {
                    weight.set(in, unit, w[unit * inputs + in]);
                }
            }
            SafetensorsFile.Tensor bias = tensors.get(prefixes.get(k) + ".bias");
            if (bias != null) {
                for (int unit = 0; unit < layer.units(); unit++) {
                    layer.bias().value().set(0, unit, bias.values()[unit]);
                }
            }
        }
        return network;
    }

    /** The prefixes of the Linear layers, in the order of the numbers in their names. */
    private static List<String> linearPrefixes(Map<String, SafetensorsFile.Tensor> tensors) {
        List<String> prefixes = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (name.endsWith(".weight")) {
                prefixes.add(name.substring(0, name.length() - ".weight".length()));
            } else if (!name.endsWith(".bias")) {
                throw new IllegalArgumentException("The tensor '" + name + "' is not a Linear layer's weight or bias;"
                        + " nn4j imports an nn.Sequential of Linear layers and activations");
            }
        }
        for (String name : tensors.keySet()) {
            if (name.endsWith(".bias") && !prefixes.contains(name.substring(0, name.length() - ".bias".length()))) {
                throw new IllegalArgumentException("The tensor '" + name + "' is a bias without a weight");
            }
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("The file holds no Linear layer weights (tensors named like"
                    + " 0.weight and 0.bias)");
        }
        prefixes.sort(TorchSequential::compareNaturally);
        return prefixes;
    }

    /** Compares dotted names part by part, numbers by value, so that {@code 10} comes after {@code 2}. */
    static int compareNaturally(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean numeric = pa[i].matches("\\d{1,9}") && pb[i].matches("\\d{1,9}");
            int c = numeric ? Integer.compare(Integer.parseInt(pa[i]), Integer.parseInt(pb[i]))
                    : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    private static String join(List<Integer> sizes) {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            sb.append(sb.length() == 0 ? "" : ",").append(s);
        }
        return sb.toString();
    }
}
