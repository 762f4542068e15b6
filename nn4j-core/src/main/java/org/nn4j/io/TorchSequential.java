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
 * the numbers in their names ({@code 0}, {@code 2}, {@code 4}; or {@code net.0}, {@code net.2}, …; or {@code fc1},
 * {@code fc2}). Names that no number orders ({@code encoder}, {@code decoder}) are ambiguous: their order must be
 * given. Layers other than Linear (a BatchNorm's running statistics, say) are refused by name. PyTorch stores a
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
        return toNetwork(tensors, sizes, activations, precision, List.of());
    }

    /**
     * As {@link #toNetwork(Map, List, List, Precision)}, with the Linear layers in the order given by their name
     * prefixes ({@code encoder}, {@code decoder}), or in the order of the numbers in their names when
     * {@code order} is empty.
     *
     * @throws IllegalArgumentException also when the names do not say the order and none is given, or when
     *     {@code order} does not name each Linear layer once
     */
    public static Network toNetwork(Map<String, SafetensorsFile.Tensor> tensors, List<Integer> sizes,
            List<Activation> activations, Precision precision, List<String> order) {
        refuseOtherLayers(tensors);
        List<String> prefixes = ordered(linearPrefixes(tensors), order);
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

    private static final List<String> BATCH_NORM_BUFFERS = List.of("running_mean", "running_var",
            "num_batches_tracked");

    /** A layer nn4j cannot import, named with its tensors, rather than a puzzle about one of them. */
    private static void refuseOtherLayers(Map<String, SafetensorsFile.Tensor> tensors) {
        for (String name : tensors.keySet()) {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && BATCH_NORM_BUFFERS.contains(name.substring(dot + 1))) {
                String layer = name.substring(0, dot);
                List<String> its = tensors.keySet().stream().filter(n -> n.startsWith(layer + ".")).toList();
                throw new IllegalArgumentException("Layer '" + layer + "' is a BatchNorm layer (its tensors: "
                        + String.join(", ", its) + "), which nn4j does not support; nn4j imports an nn.Sequential"
                        + " of Linear layers and activations (fold the batch norm into the Linear layer before it)");
            }
        }
        for (SafetensorsFile.Tensor t : tensors.values()) {
            if (!t.isFloatingPoint()) {
                throw new IllegalArgumentException("The tensor '" + t.name() + "' has dtype " + t.dtype() + "; a Linear"
                        + " layer's weight and bias are floating point (F64, F32, F16 or BF16)");
            }
        }
    }

    /** The Linear layers in the order given, or else in the order the numbers in their names say. */
    private static List<String> ordered(List<String> prefixes, List<String> order) {
        if (!order.isEmpty()) {
            if (order.size() != prefixes.size() || !order.containsAll(prefixes)) {
                throw new IllegalArgumentException("The order given, " + String.join(",", order) + ", should name"
                        + " each Linear layer of the file once: " + String.join(", ", prefixes));
            }
            return List.copyOf(order);
        }
        for (int k = 1; k < prefixes.size(); k++) {
            if (!numberDecides(prefixes.get(k - 1), prefixes.get(k))) {
                throw new IllegalArgumentException("The Linear layers " + String.join(", ", prefixes) + " have no"
                        + " numbers in their names that give their order (" + prefixes.get(k - 1) + " or "
                        + prefixes.get(k) + " first?), so the order is ambiguous; give it, first layer first, e.g."
                        + " --order " + String.join(",", prefixes));
            }
        }
        return prefixes;
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

    /**
     * Compares names run by run, runs of digits by value, so that {@code 10} comes after {@code 2} and {@code fc10}
     * after {@code fc2}.
     */
    static int compareNaturally(String a, String b) {
        List<String> ra = runs(a);
        List<String> rb = runs(b);
        for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
            int c = compareRuns(ra.get(i), rb.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ra.size(), rb.size());
    }

    /** True when the first difference between two names is a number in the same place of each. */
    static boolean numberDecides(String a, String b) {
        List<String> ra = runs(a);
        List<String> rb = runs(b);
        for (int i = 0; i < Math.min(ra.size(), rb.size()); i++) {
            if (compareRuns(ra.get(i), rb.get(i)) != 0) {
                return isNumber(ra.get(i)) && isNumber(rb.get(i));
            }
        }
        return false;
    }

    private static int compareRuns(String a, String b) {
        if (isNumber(a) && isNumber(b)) {
            String ta = a.replaceFirst("^0+(?=.)", "");
            String tb = b.replaceFirst("^0+(?=.)", "");
            return ta.length() != tb.length() ? Integer.compare(ta.length(), tb.length()) : ta.compareTo(tb);
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String run) {
        return !run.isEmpty() && isDigit(run.charAt(0));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code net.12.fc3} as {@code net.}, {@code 12}, {@code .fc}, {@code 3}: digits and the rest, alternating. */
    private static List<String> runs(String name) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= name.length(); i++) {
            if (i == name.length() || isDigit(name.charAt(i)) != isDigit(name.charAt(i - 1))) {
                runs.add(name.substring(start, i));
                start = i;
            }
        }
        return runs;
    }

    private static String join(List<Integer> sizes) {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            sb.append(sb.length() == 0 ? "" : ",").append(s);
        }
        return sb.toString();
    }
}
