package org.nn4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * A shard of the training rows, as one Spark element: the rows' global indices, inputs and targets. Each step asks
 * it for the gradient summed over those of its rows that are in the step's mini-batch.
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] index;
    private final double[][] inputs;
    private final double[][] targets;
    private transient Map<Integer, Integer> positions;
    private transient Network network;
    private transient NetworkSpec builtFor;

    RowBlock(int[] index, double[][] inputs, double[][] targets) {
        this.index = index;
        this.inputs = inputs;
        this.targets = targets;
    }

    int size() {
        return index.length;
    }

    /**
     * For the rows of {@code batch} held here, in the order the batch lists them: {@code [lossSum, correct,
     * count, gradient sums…]}, the gradient sums flattened parameter after parameter.
     */
    double[] gradientSums(NetworkSpec spec, double[][] weights, int[] batch, Task task) {
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = 0; i < index.length; i++) {
                positions.put(index[i], i);
            }
        }
        int total = 0;
        for (double[] w : weights) {
            total += w.length;
        }
        double[] out = new double[3 + total];
        int[] local = new int[batch.length];
        int count = 0;
        for (int b : batch) {
            Integer at = positions.get(b);
            if (at != null) {
                local[count++] = at;
            }
        }
        if (count == 0) {
            return out;
        }
        if (network == null || !spec.equals(builtFor)) {
            network = spec.build();
            builtFor = spec;
        }
        NetworkSpec.load(network, weights);
        Matrix x = Matrix.zeros(count, inputs[0].length, network.precision());
        Matrix y = Matrix.zeros(count, targets[0].length, network.precision());
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < x.cols(); c++) {
                x.set(r, c, inputs[local[r]][c]);
            }
            for (int c = 0; c < y.cols(); c++) {
                y.set(r, c, targets[local[r]][c]);
            }
        }
        double loss = new Backpropagation().computeGradients(network, x, y, task.loss());
        out[0] = loss * count;
        out[1] = task.isClassification() ? task.countCorrect(network.lastOutput(), y) : 0;
        out[2] = count;
        int at = 3;
        for (Parameter p : network.parameters()) {
            Matrix g = p.gradient();
            for (int i = 0; i < g.size(); i++) {
                out[at++] = g.get(i) * count;
            }
        }
        return out;
    }

    /**
     * Parameter averaging's local work: starting from {@code weights}, {@code steps} plain SGD steps at
     * {@code learningRate} on mini-batches of this shard's own rows (shuffled by {@code seed}, continuing from
     * {@code offset} into the shuffled order). Returns {@code [lossSum, correct, count, weights…]}; a shard with no
     * rows returns zeros.
     */
    double[] localSteps(NetworkSpec spec, double[][] weights, int steps, int batchSize, double learningRate,
            long seed, int offset, Task task) {
        int total = 0;
        for (double[] w : weights) {
            total += w.length;
        }
        double[] out = new double[3 + total];
        if (index.length == 0) {
            return out;
        }
        if (network == null || !spec.equals(builtFor)) {
            network = spec.build();
            builtFor = spec;
        }
        NetworkSpec.load(network, weights);
        int[] order = new int[index.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        org.nn4j.random.SplitMix64.seeded(seed).shuffle(order);
        org.nn4j.optim.Sgd sgd = new org.nn4j.optim.Sgd(learningRate);
        for (int s = 0; s < steps; s++) {
            int rows = Math.min(batchSize, index.length);
            Matrix x = Matrix.zeros(rows, inputs[0].length, network.precision());
            Matrix y = Matrix.zeros(rows, targets[0].length, network.precision());
            for (int r = 0; r < rows; r++) {
                int at = order[(offset + s * batchSize + r) % order.length];
                for (int c = 0; c < x.cols(); c++) {
                    x.set(r, c, inputs[at][c]);
                }
                for (int c = 0; c < y.cols(); c++) {
                    y.set(r, c, targets[at][c]);
                }
            }
            double loss = new Backpropagation().computeGradients(network, x, y, task.loss());
            out[0] += loss * rows;
            out[1] += task.isClassification() ? task.countCorrect(network.lastOutput(), y) : 0;
            out[2] += rows;
            sgd.step(network.parameters());
        }
        int at = 3;
        for (Parameter p : network.parameters()) {
            Matrix v = p.value();
            for (int i = 0; i < v.size(); i++) {
                out[at++] = v.get(i);
            }
        }
        return out;
    }
}
