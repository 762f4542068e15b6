package org.nn4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.GradientClipping;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;
import org.nn4j.random.SplitMix64;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * Synchronous data-parallel training on Spark. The training rows are spread over partitions once and cached; then
 * for every mini-batch the driver broadcasts the weights, every partition computes the gradient summed over its
 * rows of that mini-batch, {@code treeAggregate} adds the sums up, and the driver divides by the batch size and
 * lets the optimizer (any of nn4j's, with any schedule) take the step.
 *
 * <p>The mini-batches are exactly those of {@link org.nn4j.train.MiniBatchTrainer} with the same seed (the same
 * generator shuffles the same row order), so the result equals single-machine training up to the order in which
 * the partitions' sums are added.
 */
public final class SparkTrainer {

    private final Task task;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final double clipNorm;
    private final int localSteps;

    private SparkTrainer(Builder b) {
        this.task = b.task;
        this.optimizer = b.optimizer;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.localSteps = b.localSteps;
    }

    public static Builder builder(Task task, Optimizer optimizer) {
        return new Builder(task, optimizer);
    }

    /**
     * Trains {@code network} in place on {@code train}, spread over {@code partitions} partitions of
     * {@code spark}; tells {@code listener} each epoch's metrics.
     */
    public FitResult fit(JavaSparkContext spark, Network network, Dataset train, int partitions,
            TrainingListener listener) {
        if (partitions < 1) {
            throw new IllegalArgumentException("At least 1 partition is needed, got " + partitions);
        }
        return run(spark, network, spark.parallelize(shards(train, partitions), partitions).cache(), train.size(),
                listener);
    }

    /**
     * Trains {@code network} in place on a DataFrame, encoded by {@code prep} (from {@link SparkData#fit}) on the
     * executors, one shard per partition of the frame; tells {@code listener} each epoch's metrics.
     */
    public FitResult fit(org.apache.spark.sql.SparkSession spark, Network network,
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame, Preprocessing prep,
            TrainingListener listener) {
        if (prep.inputs() != network.inputs() || prep.outputs() != network.outputs()) {
            throw new IllegalArgumentException("The preprocessing gives " + prep.inputs() + " inputs and "
                    + prep.outputs() + " outputs, but the network is " + network.sizes());
        }
        JavaRDD<RowBlock> blocks = SparkData.blocks(frame, prep).cache();
        int n = Math.toIntExact(blocks.map(RowBlock::size).fold(0, Integer::sum));
        return run(JavaSparkContext.fromSparkContext(spark.sparkContext()), network, blocks, n, listener);
    }

    private FitResult run(JavaSparkContext spark, Network network, JavaRDD<RowBlock> blocks, int n,
            TrainingListener listener) {
        if (network.hasDropout()) {
            throw new IllegalArgumentException("Distributed training does not support dropout yet; train this"
                    + " network on one machine");
        }
        NetworkSpec spec = NetworkSpec.of(network);
        if (localSteps > 0) {
            try {
                return averaging(spark, network, blocks, n, spec, listener);
            } finally {
                blocks.unpersist();
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 shuffling = SplitMix64.seeded(seed);
        double baseRate = optimizer.learningRate();
        int batches = (n + batchSize - 1) / batchSize;
        List<EpochRecord> history = new ArrayList<>();
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                shuffling.shuffle(order);
                listener.onEpochStart(epoch, batches);
                double lossSum = 0;
                double correct = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * batchSize;
                    int rows = Math.min(batchSize, n - from);
                    int[] batch = new int[rows];
                    System.arraycopy(order, from, batch, 0, rows);
                    double[] sums = step(spark, blocks, spec, network, batch);
                    lossSum += sums[0];
                    correct += sums[1];
                    listener.onBatch(epoch, b + 1, batches, sums[0] / rows);
                }
                endEpoch(epoch, lossSum, correct, n, baseRate, history, listener);
            }
        } finally {
            blocks.unpersist();
        }
        return new FitResult(history, history.size(), FitResult.COMPLETED);
    }

    /**
     * Parameter averaging (local SGD): each round, every partition takes {@link #localSteps} plain SGD steps on its
     * own rows from the broadcast weights, and the driver averages the partitions' weights. An epoch is as many
     * rounds as it takes the largest shard to go through its rows once.
     */
    private FitResult averaging(JavaSparkContext spark, Network network, JavaRDD<RowBlock> blocks, int n,
            NetworkSpec spec, TrainingListener listener) {
        // Shards without rows have no weights to give.
        long contributing = blocks.filter(b -> b.size() > 0).count();
        int largest = blocks.map(RowBlock::size).fold(0, Math::max);
        int rounds = Math.max(1, (largest + batchSize * localSteps - 1) / (batchSize * localSteps));
        double baseRate = optimizer.learningRate();
        Task stepTask = task;
        int steps = localSteps;
        int batch = batchSize;
        List<EpochRecord> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            listener.onEpochStart(epoch, rounds);
            double lossSum = 0;
            double correct = 0;
            double seen = 0;
            for (int round = 0; round < rounds; round++) {
                Broadcast<double[][]> weights = spark.broadcast(NetworkSpec.weightsOf(network));
                double rate = optimizer.learningRate();
                long roundSeed = seed * 1_000_003L + epoch;
                int offset = round * batch * steps;
                double[] sums;
                int length = 3;
                for (Parameter p : network.parameters()) {
                    length += p.value().size();
                }
                try {
                    sums = blocks.map(block -> block.localSteps(spec, weights.value(), steps, batch, rate, roundSeed,
                            offset, stepTask)).treeAggregate(new double[length], SparkTrainer::add, SparkTrainer::add);
                } finally {
                    weights.destroy();
                }
                int at = 3;
                for (Parameter p : network.parameters()) {
                    Matrix v = p.value();
                    for (int i = 0; i < v.size(); i++) {
                        v.set(i, sums[at++] / contributing);
                    }
                }
                lossSum += sums[0];
                correct += sums[1];
                seen += sums[2];
                listener.onBatch(epoch, round + 1, rounds, sums[0] / Math.max(1, sums[2]));
            }
            endEpoch(epoch, lossSum, correct, seen, baseRate, history, listener);
        }
        return new FitResult(history, history.size(), FitResult.COMPLETED);
    }

    /** The epoch's record (mean loss, accuracy), told to the listener, then the schedule's next learning rate. */
    private void endEpoch(int epoch, double lossSum, double correct, double samples, double baseRate,
            List<EpochRecord> history, TrainingListener listener) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / samples);
        if (task.isClassification()) {
            metrics.put("accuracy", correct / samples);
        }
        EpochRecord record = new EpochRecord(epoch, optimizer.learningRate(), metrics);
        history.add(record);
        listener.onEpoch(record);
        optimizer.setLearningRate(schedule.rateAfter(epoch, baseRate, optimizer.learningRate(), record.get("loss")));
    }

    /** One synchronous step: broadcast, per-partition gradient sums, tree aggregation, optimizer update. */
    private double[] step(JavaSparkContext spark, JavaRDD<RowBlock> blocks, NetworkSpec spec, Network network,
            int[] batch) {
        Broadcast<double[][]> weights = spark.broadcast(NetworkSpec.weightsOf(network));
        Task stepTask = task;
        double[] sums;
        try {
            int length = 3;
            for (Parameter p : network.parameters()) {
                length += p.value().size();
            }
            sums = blocks.map(block -> block.gradientSums(spec, weights.value(), batch, stepTask))
                    .treeAggregate(new double[length], SparkTrainer::add, SparkTrainer::add);
        } finally {
            weights.destroy();
        }
        double count = sums[2];
        int at = 3;
        for (Parameter p : network.parameters()) {
            Matrix g = p.gradient();
            for (int i = 0; i < g.size(); i++) {
                g.set(i, sums[at++] / count);
            }
        }
        if (clipNorm > 0) {
            GradientClipping.clipGlobalNorm(network.parameters(), clipNorm);
        }
        optimizer.step(network.parameters());
        return sums;
    }

    private static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    /** The rows in {@code partitions} contiguous shards, each row with its index in the data set. */
    private static List<RowBlock> shards(Dataset train, int partitions) {
        int n = train.size();
        double[][] x = train.inputs().toRows();
        double[][] y = train.targets().toRows();
        List<RowBlock> blocks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            int[] index = new int[to - from];
            double[][] bx = new double[to - from][];
            double[][] by = new double[to - from][];
            for (int i = from; i < to; i++) {
                index[i - from] = i;
                bx[i - from] = x[i];
                by[i - from] = y[i];
            }
            blocks.add(new RowBlock(index, bx, by));
        }
        return blocks;
    }

    /** The settings of a distributed run. */
    public static final class Builder {
        private final Task task;
        private final Optimizer optimizer;
        private int batchSize = 32;
        private int epochs = 100;
        private long seed = 1;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double clipNorm;
        private int localSteps;

        private Builder(Task task, Optimizer optimizer) {
            this.task = Objects.requireNonNull(task, "task");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("The number of epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Seeds the shuffling, as {@link org.nn4j.train.MiniBatchTrainer.Builder#seed} does. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Clips the gradients' global norm before each step, as {@code MiniBatchTrainer} does; 0 for none. */
        public Builder clipNorm(double maxNorm) {
            if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
                throw new IllegalArgumentException("The gradient norm limit must be 0 (none) or positive, got "
                        + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Parameter averaging instead of synchronous steps: each partition takes {@code steps} plain SGD steps of
         * {@code batchSize} of its own rows at the optimizer's learning rate, then the weights are averaged. Fewer
         * rounds of communication, at the price of results that depend on the partitioning (and only the learning
         * rate of the optimizer is used). 0 turns it off.
         */
        public Builder parameterAveraging(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("Local steps must be 0 (off) or more, got " + steps);
            }
            this.localSteps = steps;
            return this;
        }

        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
