package org.nn4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.io.ModelFile;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Sgd;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EngineStep;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.Measurement;

/**
 * A shard of the training rows, as one Spark element: the rows' global indices, inputs and targets. The executors
 * compute here with nn4j's own single-thread {@link EngineStep} (a Spark task has one core): the gradient of the
 * rows of a mini-batch held here, parameter averaging's local steps, and the loss over all rows. Weights arrive in
 * the model file's encoding ({@link ModelFile#toBytes}).
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 2L;

    private final int[] index;
    private final double[][] inputs;
    private final double[][] targets;
    private transient Map<Integer, Integer> positions;

    RowBlock(int[] index, double[][] inputs, double[][] targets) {
        this.index = index;
        this.inputs = inputs;
        this.targets = targets;
    }

    int size() {
        return index.length;
    }

    /**
     * For the rows of {@code batch} held here, in the order the batch lists them: {@code [lossSum, correct, weight,
     * gradient sums…]}, the gradient sums flattened parameter after parameter; weight is the rows' count, or the sum
     * of their class weights when the loss ({@code task}'s, weighted by {@code classWeights}, may be null) takes its
     * mean over those, and the sums are the mean loss and gradient times that weight. Dropout masks come from
     * {@code dropoutSeed} mixed with this shard's first index.
     */
    double[] gradientSums(byte[] model, int[] batch, Task task, ClassWeights classWeights, long dropoutSeed) {
        Network network = ModelFile.fromBytes(model).network();
        double[] out = new double[3 + network.parameterCount()];
        Dataset mine = rowsOf(batch, network);
        if (mine == null) {
            return out;
        }
        int count = mine.size();
        EpochTotals totals = new EpochTotals();
        Loss loss = task.loss(classWeights);
        new EngineStep(new Backpropagation(), mine, task, loss).compute(network, identity(count), 0, count,
                masks(dropoutSeed), totals);
        double weight = loss.batchWeight(mine.targets());
        out[0] = totals.lossSum() * (weight / count);
        out[1] = totals.correct();
        out[2] = weight;
        flatten(network.parameters(), true, weight, out);
        return out;
    }

    /**
     * Parameter averaging's local work: from the broadcast weights, plain SGD steps at {@code learningRate} over the
     * rows of {@code batch} held here, in that order, cut into {@code steps} nearly equal parts. Returns
     * {@code [lossSum, correct, count, weights × count…]}, so that the sums over shards divided by the total count
     * are the row-weighted average of the shards' weights.
     */
    double[] localSteps(byte[] model, int[] batch, int steps, double learningRate, Task task, long dropoutSeed) {
        Network network = ModelFile.fromBytes(model).network();
        double[] out = new double[3 + network.parameterCount()];
        Dataset mine = rowsOf(batch, network);
        if (mine == null) {
            return out;
        }
        int count = mine.size();
        int parts = Math.min(steps, count);
        EngineStep step = new EngineStep(new Backpropagation(), mine, task);
        EpochTotals totals = new EpochTotals();
        SplitMix64 masks = masks(dropoutSeed);
        Sgd sgd = new Sgd(learningRate);
        int[] order = identity(count);
        for (int s = 0; s < parts; s++) {
            int from = (int) ((long) count * s / parts);
            int to = (int) ((long) count * (s + 1) / parts);
            step.compute(network, order, from, to - from, masks, totals);
            sgd.step(network.parameters());
        }
        out[0] = totals.lossSum();
        out[1] = totals.correct();
        out[2] = count;
        flatten(network.parameters(), false, count, out);
        return out;
    }

    /**
     * {@code [lossSum, correct, count, weight]} over all rows here at the broadcast weights, in inference mode; the
     * loss sum is the mean loss times weight, which is the count unless the class-weighted loss takes its mean over
     * the weights.
     */
    double[] measure(byte[] model, Task task, ClassWeights classWeights) {
        if (index.length == 0) {
            return new double[4];
        }
        Network network = ModelFile.fromBytes(model).network();
        Loss loss = task.loss(classWeights);
        Dataset mine = new Dataset("shard", toMatrix(inputs, network), toMatrix(targets, network));
        Measurement m = Measurement.of(network, mine, task, loss);
        double weight = loss.batchWeight(mine.targets());
        return new double[] {m.loss() * weight,
            task.isClassification() ? Math.round(m.accuracy() * index.length) : 0, index.length, weight};
    }

    /** A checksum of these rows and their indices; the shards' checksums add up to the data's, in any order. */
    long fingerprint() {
        long sum = 0;
        for (int r = 0; r < index.length; r++) {
            long h = index[r] * 0x9E3779B97F4A7C15L;
            for (double v : inputs[r]) {
                h = (h ^ Double.doubleToLongBits(v)) * 0xBF58476D1CE4E5B9L;
            }
            for (double v : targets[r]) {
                h = (h ^ Double.doubleToLongBits(v)) * 0x94D049BB133111EBL;
            }
            sum += h ^ (h >>> 31);
        }
        return sum;
    }

    /** This shard's dropout masks for one step: the step's seed mixed with the shard's first row. */
    private SplitMix64 masks(long dropoutSeed) {
        return SplitMix64.seeded(dropoutSeed ^ (index.length == 0 ? 0 : index[0] * 0x9E3779B97F4A7C15L));
    }

    /** The rows of {@code batch} held here, in batch order, as a data set in the network's precision; null if none. */
    private Dataset rowsOf(int[] batch, Network network) {
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = 0; i < index.length; i++) {
                positions.put(index[i], i);
            }
        }
        int[] local = new int[batch.length];
        int count = 0;
        for (int b : batch) {
            Integer at = positions.get(b);
            if (at != null) {
                local[count++] = at;
            }
        }
        if (count == 0) {
            return null;
        }
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
        return new Dataset("shard", x, y);
    }

    private static Matrix toMatrix(double[][] rows, Network network) {
        Matrix m = Matrix.zeros(rows.length, rows[0].length, network.precision());
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                m.set(r, c, rows[r][c]);
            }
        }
        return m;
    }

    private static int[] identity(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Writes each parameter's gradient (or value) times {@code scale} into {@code out} from position 3. */
    private static void flatten(List<Parameter> parameters, boolean gradients, double scale, double[] out) {
        int at = 3;
        for (Parameter p : parameters) {
            Matrix m = gradients ? p.gradient() : p.value();
            for (int i = 0; i < m.size(); i++) {
                out[at++] = m.get(i) * scale;
            }
        }
    }
}
