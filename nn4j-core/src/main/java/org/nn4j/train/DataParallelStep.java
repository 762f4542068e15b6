package org.nn4j.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.nn4j.data.Dataset;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.random.RandomSource;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Parallel;

/**
 * Backpropagation with each mini-batch split over the machine's cores. The batch is cut into slices
 * ({@link #slicesFor}: about {@value #SLICE_ROWS} rows each, at least {@value #MIN_SLICE_ROWS}); each slice is
 * gathered, run forward and backward on a {@link Network#replica replica} of the network (same weights, its own
 * gradients) by one of the threads of {@link Parallel}, and the slices' gradients are then summed, weighted by their
 * share of the rows, in slice order:
 * <pre>
 *   ∇L = Σ_s (n_s / n) · ∇L_s        (L_s: the mean loss over slice s of n_s rows; n = Σ n_s)
 * </pre>
 * (With a loss weighted by class that takes its mean over the weights, n_s is the slice's
 * {@link Loss#batchWeight}, the sum of its rows' weights, so that ∇L is the gradient of the whole batch's mean.)
 * How a batch is sliced depends on its size alone, and each slice's gradient and the sum are computed in one fixed
 * order, so the weights come out bit-identical for any number of threads ({@code --threads}). A batch of fewer
 * than 2·{@value #MIN_SLICE_ROWS} rows is one slice, computed on the network itself exactly as {@link EngineStep}
 * does.
 * The summing is split over the threads too, by ranges of elements ({@link ParameterRanges}).
 *
 * <p>With dropout, slice s draws its masks from a generator seeded by the s-th draw from the run's dropout
 * generator, so masks too are the same for any number of threads.
 */
public final class DataParallelStep implements GradientStep {

    /** The fewest rows of a slice: smaller products waste more than another core gains. */
    public static final int MIN_SLICE_ROWS = 16;
    /** Slices aim at this many rows, where the matrix kernels run near their best. */
    public static final int SLICE_ROWS = 64;
    /** The most slices of a batch, whatever its size: each slice keeps a replica's gradients in memory. */
    public static final int MAX_SLICES = 16;

    private final Dataset train;
    private final TrainingRows rows;
    /** The rows in the precision of the network of the step in progress, for the slices' threads. */
    private Dataset gathered;
    private final Task task;
    private final Loss loss;
    private final EngineStep whole;

    private Network master;
    private Network[] replicas = new Network[0];
    private Backpropagation[] engines = new Backpropagation[0];
    private Batch[] batches = new Batch[0];
    private RandomSource[] masks = new RandomSource[0];
    private final double[] sliceLoss;
    private final double[] sliceWeight;
    private final long[] sliceCorrect;
    private final int[] sliceFrom;
    private final int[] sliceCount;
    private final double[] weights;
    /** For each parameter: the replicas' gradients, in slice order. */
    private Matrix[][] terms = new Matrix[0][];
    private ParameterRanges ranges;

    private int[] order;
    private int slices;
    private boolean dropoutOn;
    private final IntConsumer sliceTask = this::computeSlice;
    private final IntConsumer sumTask = this::sumRange;

    /** A step over the rows of {@code train} for {@code task}, by the task's own loss. */
    public DataParallelStep(Dataset train, Task task) {
        this(train, task, task.loss());
    }

    /** A step over the rows of {@code train} for {@code task}, by {@code loss} (perhaps weighted by class). */
    public DataParallelStep(Dataset train, Task task, Loss loss) {
        this.train = Objects.requireNonNull(train, "train");
        this.rows = new TrainingRows(train);
        this.task = Objects.requireNonNull(task, "task");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.whole = new EngineStep(new Backpropagation(), rows, task, loss);
        int most = slicesFor(train.size());
        this.sliceLoss = new double[most];
        this.sliceWeight = new double[most];
        this.sliceCorrect = new long[most];
        this.sliceFrom = new int[most];
        this.sliceCount = new int[most];
        this.weights = new double[most];
    }

    /**
     * The number of slices a batch of {@code rows} rows is cut into, a function of the size alone: one below
     * 2·{@value #MIN_SLICE_ROWS} rows, else as many slices of about {@value #SLICE_ROWS} rows as the batch holds, at
     * least 2 and at most {@value #MAX_SLICES}.
     */
    public static int slicesFor(int rows) {
        if (rows < 2 * MIN_SLICE_ROWS) {
            return 1;
        }
        return Math.max(2, Math.min(MAX_SLICES, (rows + SLICE_ROWS - 1) / SLICE_ROWS));
    }

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public int rows() {
        return train.size();
    }

    @Override
    public long fingerprint() {
        return whole.fingerprint();
    }

    @Override
    public void compute(Network network, int[] order, int from, int count, RandomSource dropout,
            EpochTotals totals) {
        int parts = Math.min(slicesFor(count), sliceLoss.length);
        if (parts == 1) {
            whole.compute(network, order, from, count, dropout, totals);
            return;
        }
        prepare(network, parts);
        this.gathered = rows.in(network.precision());
        this.order = order;
        this.slices = parts;
        this.dropoutOn = network.hasDropout();
        for (int s = 0; s < parts; s++) {
            sliceFrom[s] = from + (int) ((long) count * s / parts);
            sliceCount[s] = from + (int) ((long) count * (s + 1) / parts) - sliceFrom[s];
            if (dropoutOn) {
                masks[s] = SplitMix64.seeded(Double.doubleToRawLongBits(dropout.nextDouble()));
            }
        }
        Parallel.forEach(parts, sliceTask);
        // Unweighted, each slice weighs its row count, the total is count, and every factor below is exact.
        double total = 0.0;
        for (int s = 0; s < parts; s++) {
            total += sliceWeight[s];
        }
        for (int s = 0; s < parts; s++) {
            weights[s] = sliceWeight[s] / total;
        }
        Parallel.forEach(ranges.count(), sumTask);
        double lossSum = 0.0;
        long correct = 0;
        for (int s = 0; s < parts; s++) {
            lossSum += sliceLoss[s] * sliceWeight[s];
            correct += sliceCorrect[s];
        }
        totals.add(lossSum * (count / total), correct);
    }

    private void computeSlice(int s) {
        Network replica = replicas[s];
        Batch batch = batches[s];
        batch.gather(gathered, order, sliceFrom[s], sliceCount[s], replica.precision());
        if (dropoutOn) {
            replica.enableDropout(masks[s]);
        }
        try {
            sliceLoss[s] = engines[s].computeGradients(replica, batch.inputs(), batch.targets(), loss);
            sliceWeight[s] = loss.batchWeight(batch.targets());
            sliceCorrect[s] = task.isClassification() ? task.countCorrect(replica.lastOutput(), batch.targets()) : 0;
        } finally {
            replica.disableDropout();
        }
    }

    private void sumRange(int r) {
        int p = ranges.parameter[r];
        Matrix.weightedSum(terms[p], weights, slices, master.parameters().get(p).gradient(), ranges.from[r],
                ranges.to[r]);
    }

    /** Replicas, engines and batches for {@code parts} slices of {@code network}, made once and kept. */
    private void prepare(Network network, int parts) {
        if (network != master) {
            master = network;
            replicas = new Network[0];
            List<Parameter> parameters = network.parameters();
            ranges = new ParameterRanges(parameters);
            terms = new Matrix[parameters.size()][0];
        }
        if (replicas.length < parts) {
            Network[] moreReplicas = Arrays.copyOf(replicas, parts);
            Backpropagation[] moreEngines = Arrays.copyOf(engines, parts);
            Batch[] moreBatches = Arrays.copyOf(batches, parts);
            for (int s = replicas.length; s < parts; s++) {
                moreReplicas[s] = network.replica();
                moreEngines[s] = new Backpropagation();
                moreBatches[s] = new Batch();
            }
            replicas = moreReplicas;
            engines = moreEngines;
            batches = moreBatches;
            masks = Arrays.copyOf(masks, parts);
            for (int p = 0; p < terms.length; p++) {
                terms[p] = new Matrix[parts];
                for (int s = 0; s < parts; s++) {
                    terms[p][s] = replicas[s].parameters().get(p).gradient();
                }
            }
        }
    }

    @Override
    public Measurement measure(Network network) {
        return whole.measure(network);
    }
}
