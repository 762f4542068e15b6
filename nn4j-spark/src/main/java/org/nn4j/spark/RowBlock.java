package org.nn4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Sgd;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.EngineStep;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.Measurement;

/**
 * A shard of the training rows, as one Spark element, kept in training form: the rows' global indices in
 * ascending order, and their inputs and targets as matrices, from which each step gathers its mini-batch rows
 * directly. The executors compute here with nn4j's own single-thread {@link EngineStep} (a Spark task has one core):
 * the gradient of the rows of a mini-batch held here, parameter averaging's local steps, and the loss over all rows.
 * Weights arrive as {@link StepWeights}; the network built from them (with its workspaces) stays with the shard on
 * its executor from one step to the next. The inputs take the precision of the first network that computes here: a
 * float32 network's shard keeps them in float32, half the memory, and a step's random gathers touch half as many
 * cache lines; each value is rounded once, exactly as a float32 batch's gather rounds it on one machine.
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 4L;

    private final int[] index;
    /** The checksum of the rows as encoded, taken before their inputs change precision; null until asked for. */
    private Long fingerprint;
    /** The rows (written by {@link #writeObject} as flat arrays, which Java serialization copies in bulk). */
    private transient Dataset rows;
    /** The executor's network, kept between steps; rebuilt for another architecture. */
    private transient Network network;
    private transient long architectureId;
    /**
     * The step that gathers this shard's share of each mini-batch into buffers it keeps from step to step, for the
     * task and class weights it was made for.
     */
    private transient EngineStep step;
    private transient Task stepTask;
    private transient ClassWeights stepClassWeights;

    /** Rows {@code index} (ascending) with their inputs and targets, one row each. */
    RowBlock(int[] index, Matrix inputs, Matrix targets) {
        this.index = index;
        this.rows = new Dataset("shard", inputs, targets);
    }

    int size() {
        return index.length;
    }

    /** The precision the inputs are kept in here. */
    Precision inputPrecision() {
        return rows.inputs().precision();
    }

    /** The global index of the first row here, or -1 for an empty shard. */
    int first() {
        return index.length == 0 ? -1 : index[0];
    }

    /**
     * For the rows of {@code batch} held here, in the order the batch lists them: {@code [lossSum, correct, weight,
     * gradient sums…]}, the gradient sums flattened parameter after parameter; weight is the rows' count, or the sum
     * of their class weights when the loss ({@code task}'s, weighted by {@code classWeights}, may be null) takes its
     * mean over those, and the sums are the mean loss and gradient times that weight. Dropout masks come from
     * {@code dropoutSeed} mixed with this shard's first index.
     */
    double[] gradientSums(StepWeights weights, int[] batch, Task task, ClassWeights classWeights, long dropoutSeed) {
        Network net = network(weights);
        double[] out = new double[3 + net.parameterCount()];
        int[] mine = positionsOf(batch);
        if (mine.length == 0) {
            return out;
        }
        int count = mine.length;
        Loss loss = task.loss(classWeights);
        EpochTotals totals = new EpochTotals();
        stepFor(task, classWeights, loss).compute(net, mine, 0, count, masks(dropoutSeed), totals);
        double weight = classWeights == null ? count : loss.batchWeight(targetsOf(mine));
        out[0] = totals.lossSum() * (weight / count);
        out[1] = totals.correct();
        out[2] = weight;
        flatten(net.parameters(), true, weight, out);
        return out;
    }

    /**
     * Parameter averaging's local work: from the step's weights, plain SGD steps at {@code learningRate} over the
     * rows of {@code batch} held here, in that order, cut into {@code steps} nearly equal parts. Returns
     * {@code [lossSum, correct, count, weights × count…]}, so that the sums over shards divided by the total count
     * are the row-weighted average of the shards' weights.
     */
    double[] localSteps(StepWeights weights, int[] batch, int steps, double learningRate, Task task,
            long dropoutSeed) {
        Network net = network(weights);
        double[] out = new double[3 + net.parameterCount()];
        int[] mine = positionsOf(batch);
        if (mine.length == 0) {
            return out;
        }
        int count = mine.length;
        int parts = Math.min(steps, count);
        EngineStep engine = new EngineStep(new Backpropagation(), rows, task);
        EpochTotals totals = new EpochTotals();
        SplitMix64 masks = masks(dropoutSeed);
        Sgd sgd = new Sgd(learningRate);
        for (int s = 0; s < parts; s++) {
            int from = (int) ((long) count * s / parts);
            int to = (int) ((long) count * (s + 1) / parts);
            engine.compute(net, mine, from, to - from, masks, totals);
            sgd.step(net.parameters());
        }
        out[0] = totals.lossSum();
        out[1] = totals.correct();
        out[2] = count;
        flatten(net.parameters(), false, count, out);
        return out;
    }

    /**
     * {@code [lossSum, correct, count, weight]} over all rows here at the step's weights, in inference mode; the
     * loss sum is the mean loss times weight, which is the count unless the class-weighted loss takes its mean over
     * the weights.
     */
    double[] measure(StepWeights weights, Task task, ClassWeights classWeights) {
        if (index.length == 0) {
            return new double[4];
        }
        Network net = network(weights);
        Loss loss = task.loss(classWeights);
        Measurement m = Measurement.of(net, rows, task, loss);
        double weight = loss.batchWeight(rows.targets());
        return new double[] {m.loss() * weight,
            task.isClassification() ? Math.round(m.accuracy() * index.length) : 0, index.length, weight};
    }

    /**
     * A checksum of these rows (as encoded) and their indices; the shards' checksums add up to the data's, in any
     * order.
     */
    long fingerprint() {
        if (fingerprint == null) {
            fingerprint = checksum();
        }
        return fingerprint;
    }

    private long checksum() {
        Matrix x = rows.inputs();
        Matrix y = rows.targets();
        long sum = 0;
        for (int r = 0; r < index.length; r++) {
            long h = index[r] * 0x9E3779B97F4A7C15L;
            for (int c = 0; c < x.cols(); c++) {
                h = (h ^ Double.doubleToLongBits(x.get(r, c))) * 0xBF58476D1CE4E5B9L;
            }
            for (int c = 0; c < y.cols(); c++) {
                h = (h ^ Double.doubleToLongBits(y.get(r, c))) * 0x94D049BB133111EBL;
            }
            sum += h ^ (h >>> 31);
        }
        return sum;
    }

    /** The rows at positions {@code from} (inclusive) to {@code to} (exclusive) here, as a shard of their own. */
    RowBlock slice(int from, int to) {
        int[] positions = new int[to - from];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = from + i;
        }
        return new RowBlock(Arrays.copyOfRange(index, from, to), gather(rows.inputs(), positions),
                gather(rows.targets(), positions));
    }

    /** One shard of the rows of {@code parts} (non-empty, any order), in the order of their indices. */
    static RowBlock concat(List<RowBlock> parts) {
        List<RowBlock> sorted = parts.stream().sorted(Comparator.comparingInt(RowBlock::first)).toList();
        int total = sorted.stream().mapToInt(RowBlock::size).sum();
        Matrix firstInputs = sorted.get(0).rows.inputs();
        Matrix firstTargets = sorted.get(0).rows.targets();
        Matrix x = Matrix.zeros(total, firstInputs.cols(), firstInputs.precision());
        Matrix y = Matrix.zeros(total, firstTargets.cols(), firstTargets.precision());
        int[] index = new int[total];
        int at = 0;
        for (RowBlock part : sorted) {
            System.arraycopy(part.index, 0, index, at, part.size());
            copyRows(part.rows.inputs(), x, at);
            copyRows(part.rows.targets(), y, at);
            at += part.size();
        }
        return new RowBlock(index, x, y);
    }

    /**
     * The network for this step: the one kept here since an earlier step of the same run, at the new weights, with
     * the inputs here in its precision.
     */
    private Network network(StepWeights weights) {
        boolean same = network != null && architectureId == weights.architectureId();
        network = weights.into(same ? network : null);
        architectureId = weights.architectureId();
        inputsIn(network.precision());
        return network;
    }

    /**
     * Keeps the inputs in {@code precision}: float64 inputs become float32 once, for a float32 network. Inputs
     * already rounded to float32 cannot serve a float64 network as one machine would (that needs the rows encoded
     * again, a step of its own).
     */
    private void inputsIn(Precision precision) {
        Matrix inputs = rows.inputs();
        if (inputs.precision() == precision) {
            return;
        }
        if (precision != Precision.FLOAT32) {
            throw new IllegalStateException("These rows were kept in float32 for a float32 network; a "
                    + precision.id() + " network needs a Spark step of its own");
        }
        fingerprint();
        rows = new Dataset(rows.name(), inputs.toPrecision(precision), rows.targets());
        step = null;
    }

    /** The kept step when it was made for this task and these class weights (the same objects), else a new one. */
    private EngineStep stepFor(Task task, ClassWeights classWeights, Loss loss) {
        if (step == null || task != stepTask || classWeights != stepClassWeights) {
            step = new EngineStep(new Backpropagation(), rows, task, loss);
            stepTask = task;
            stepClassWeights = classWeights;
        }
        return step;
    }

    /** This shard's dropout masks for one step: the step's seed mixed with the shard's first row. */
    private SplitMix64 masks(long dropoutSeed) {
        return SplitMix64.seeded(dropoutSeed ^ (index.length == 0 ? 0 : index[0] * 0x9E3779B97F4A7C15L));
    }

    /** The positions here of the rows of {@code batch} held here, in batch order. */
    private int[] positionsOf(int[] batch) {
        if (index.length == 0) {
            return new int[0];
        }
        int[] local = new int[batch.length];
        int count = 0;
        int first = index[0];
        int last = index[index.length - 1];
        // Shards hold runs of consecutive rows; a position is then an offset, else a binary search finds it.
        boolean consecutive = last - first == index.length - 1;
        for (int b : batch) {
            if (b < first || b > last) {
                continue;
            }
            int at = consecutive ? b - first : Arrays.binarySearch(index, b);
            if (at >= 0) {
                local[count++] = at;
            }
        }
        return Arrays.copyOf(local, count);
    }

    private Matrix targetsOf(int[] positions) {
        return gather(rows.targets(), positions);
    }

    private static Matrix gather(Matrix source, int[] positions) {
        Matrix out = Matrix.zeros(positions.length, source.cols(), source.precision());
        Matrix.gatherRows(source, positions, 0, out);
        return out;
    }

    private static void copyRows(Matrix source, Matrix into, int fromRow) {
        int offset = fromRow * into.cols();
        for (int i = 0; i < source.size(); i++) {
            into.set(offset + i, source.get(i));
        }
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

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        writeMatrix(out, rows.inputs());
        writeMatrix(out, rows.targets());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        rows = new Dataset("shard", readMatrix(in), readMatrix(in));
    }

    private static void writeMatrix(ObjectOutputStream out, Matrix m) throws IOException {
        out.writeInt(m.rows());
        out.writeInt(m.cols());
        if (m.precision() == Precision.FLOAT32) {
            float[] values = new float[m.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) m.get(i);
            }
            out.writeObject(values);
        } else {
            out.writeObject(m.toArray());
        }
    }

    private static Matrix readMatrix(ObjectInputStream in) throws IOException, ClassNotFoundException {
        int rowCount = in.readInt();
        int cols = in.readInt();
        Object values = in.readObject();
        if (values instanceof float[] floats) {
            if (floats.length != (long) rowCount * cols) {
                throw new IOException("A shard's " + rowCount + "x" + cols + " matrix came with " + floats.length
                        + " values");
            }
            Matrix m = Matrix.zeros(rowCount, cols, Precision.FLOAT32);
            for (int i = 0; i < floats.length; i++) {
                m.set(i, floats[i]);
            }
            return m;
        }
        return Matrix.of(rowCount, cols, (double[]) values);
    }
}
