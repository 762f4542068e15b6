package org.nn4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nn4j.data.Preprocessing;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.DataParallelStep;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.Measurement;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * The scaling measurement of {@code BENCHMARKS.md}: trains an 8-32-1 network on a synthetic table of ROWS rows
 * (eight standard normal columns; the label is whether the first two sum above 0) for EPOCHS epochs (default 1) on
 * Spark with the given master, and prints one line of JSON: the time to encode and cache the rows on the executors
 * ({@code setup_seconds}), each epoch's time ({@code epoch_seconds}; the first includes the JIT compiler's warm-up),
 * the first epoch's ({@code first_epoch_seconds}), the median of the later epochs ({@code seconds}, the first's when
 * there is one epoch) and the samples per second that gives, the driver's wall time per step ({@code step_ms}), and
 * where each step's Spark job spends it ({@link StepProfile}).
 *
 * <pre>ScalingRun MASTER ROWS BATCH [AVERAGING_STEPS [EXECUTORS [EPOCHS]]]</pre>
 *
 * MASTER {@code threads[N]} trains without Spark, on this machine's N threads ({@link #withoutSpark}): the
 * measure of what two cores give the same work without a driver, executors and their exchanges.
 *
 * For a standalone master ({@code spark://…}) on this machine, the executors find nn4j's classes on this JVM's class
 * path ({@code spark.executor.extraClassPath}), and the run waits until EXECUTORS executors have registered, so that
 * the rows are spread over all of their cores.
 */
public final class ScalingRun {

    private ScalingRun() {
    }

    public static void main(String[] args) throws java.util.concurrent.TimeoutException {
        String master = args[0];
        long rows = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        int averaging = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int executors = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        int epochs = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        if (master.startsWith("threads[")) {
            withoutSpark(master, Math.toIntExact(rows), batch, epochs);
            return;
        }
        SparkSession.Builder builder = SparkSession.builder().master(master).appName("nn4j-scaling")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        if (master.startsWith("spark://")) {
            builder.config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
            if (executors > 0) {
                // One partition per core (one core per executor here); Spark's default is never under 2.
                builder.config("spark.default.parallelism", Integer.toString(executors));
            }
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        awaitExecutors(spark, executors);
        StepProfile profile = new StepProfile();
        spark.sparkContext().addSparkListener(profile);
        StringBuilder timings = new StringBuilder();
        try {
            Dataset<Row> raw = spark.range(rows).select(randn(100).as("x0"), randn(101).as("x1"), randn(102).as("x2"),
                    randn(103).as("x3"), randn(104).as("x4"), randn(105).as("x5"), randn(106).as("x6"),
                    randn(107).as("x7"));
            Dataset<Row> frame = raw.withColumn("label", when(col("x0").plus(col("x1")).gt(0), "yes").otherwise("no"))
                    .cache();
            frame.count();
            Preprocessing prep = SparkData.fit(frame, "label");
            Network network = network();
            Adam adam = new Adam(0.01);
            TrainingLoop loop = TrainingLoop.builder(prep.task(), adam).batchSize(batch).epochs(epochs).seed(1)
                    .build();
            long start = System.nanoTime();
            FitResult result;
            double setupSeconds;
            double seconds;
            int partitions;
            try (SparkStep step = averaging > 0 ? SparkStep.averaging(spark, frame, prep, averaging, adam)
                    : SparkStep.synchronous(spark, frame, prep)) {
                partitions = step.partitions();
                setupSeconds = (System.nanoTime() - start) / 1e9;
                profile.reset();
                TimedStep timed = new TimedStep(step);
                EpochClock clock = new EpochClock();
                result = loop.fit(network, timed, null, clock);
                seconds = clock.warmMedian();
                timings.append(clock.json());
                timings.append(String.format(Locale.ROOT, ",\"step_ms\":%.2f", timed.millisPerStep()));
            }
            // The long-lived step job ends when the step closes. Spark delivers listener events on a thread of its
            // own: let it catch up before reading them.
            spark.sparkContext().listenerBus().waitUntilEmpty();
            profile.summary().forEach((name, value) -> timings.append(
                    String.format(Locale.ROOT, ",\"%s\":%.2f", name, value)));
            printRun(master, rows, batch, averaging, partitions, setupSeconds, seconds, result, timings);
        } finally {
            spark.stop();
        }
    }

    /**
     * The same training without Spark, for what the machine itself allows: {@code threads[N]} trains on one machine
     * with the training loop's own {@link DataParallelStep} on N threads, over as many rows of the same
     * distribution (drawn here, not by Spark), with the same network, optimizer, batches and epochs.
     */
    private static void withoutSpark(String master, int rows, int batch, int epochs) {
        int threads = Integer.parseInt(master.substring("threads[".length(), master.length() - 1));
        Kernels.setThreads(threads);
        long start = System.nanoTime();
        RandomSource random = RandomSource.seeded(100);
        double[] x = new double[rows * 8];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 8; c++) {
                x[r * 8 + c] = random.nextGaussian();
            }
            y[r] = x[r * 8] + x[r * 8 + 1] > 0 ? 1 : 0;
        }
        org.nn4j.data.Dataset data = new org.nn4j.data.Dataset("scaling", Matrix.of(rows, 8, x),
                Matrix.of(rows, 1, y));
        Network network = network();
        Adam adam = new Adam(0.01);
        TrainingLoop loop = TrainingLoop.builder(Task.BINARY, adam).batchSize(batch).epochs(epochs).seed(1).build();
        double setupSeconds = (System.nanoTime() - start) / 1e9;
        try (TimedStep timed = new TimedStep(new DataParallelStep(data, Task.BINARY))) {
            EpochClock clock = new EpochClock();
            FitResult result = loop.fit(network, timed, null, clock);
            printRun(master, rows, batch, 0, threads, setupSeconds, clock.warmMedian(), result,
                    clock.json() + String.format(Locale.ROOT, ",\"step_ms\":%.2f", timed.millisPerStep()));
        }
    }

    /** One run's JSON line: what was run, its times and outcome, then {@code more} (fields with leading commas). */
    private static void printRun(String master, long rows, int batch, int averaging, int partitions,
            double setupSeconds, double seconds, FitResult result, CharSequence more) {
        System.out.printf(Locale.ROOT, "{\"master\":\"%s\",\"rows\":%d,\"batch\":%d,\"averaging\":%d,"
                + "\"partitions\":%d,\"setup_seconds\":%.3f,\"seconds\":%.3f,\"samples_per_second\":%.0f,"
                + "\"loss\":%.4f,\"accuracy\":%.4f%s}%n", master, rows, batch, averaging, partitions, setupSeconds,
                seconds, rows / seconds, result.last().get("loss"), result.last().get("accuracy"), more);
    }

    /** The benchmark's network: 8-32-1, ReLU then sigmoid, He initialisation, seed 1. */
    private static Network network() {
        return Network.builder(8).dense(32, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(1));
    }

    /** Waits (up to a minute) until {@code count} executors besides the driver have registered. */
    private static void awaitExecutors(SparkSession spark, int count) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (spark.sparkContext().getExecutorMemoryStatus().size() - 1 < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Expected " + count + " executors within a minute, got "
                        + (spark.sparkContext().getExecutorMemoryStatus().size() - 1));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for executors", e);
            }
        }
    }

    /** The wall time of each epoch, from its start to its record (the end-of-epoch measurement included). */
    private static final class EpochClock implements TrainingListener {

        private final java.util.List<Double> seconds = new java.util.ArrayList<>();
        private long start;

        @Override
        public void onEpochStart(int epoch, int batches) {
            start = System.nanoTime();
        }

        @Override
        public void onEpoch(org.nn4j.train.EpochRecord record) {
            seconds.add((System.nanoTime() - start) / 1e9);
        }

        /** The first epoch's time and every epoch's, as JSON fields with leading commas. */
        String json() {
            return String.format(Locale.ROOT, ",\"first_epoch_seconds\":%.3f,\"epoch_seconds\":", seconds.get(0))
                    + seconds.stream().map(t -> String.format(Locale.ROOT, "%.3f", t)).toList().toString()
                            .replace(" ", "");
        }

        /** The median of the epochs after the first (the first's time when it is the only one). */
        double warmMedian() {
            if (seconds.size() == 1) {
                return seconds.get(0);
            }
            double[] warm = seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).sorted()
                    .toArray();
            int n = warm.length;
            return n % 2 == 1 ? warm[n / 2] : (warm[n / 2 - 1] + warm[n / 2]) / 2;
        }
    }

    /** A step that counts the driver's wall time in {@link #compute}: the whole synchronous step as the loop sees it. */
    private static final class TimedStep implements GradientStep {

        private final GradientStep step;
        private long nanos;
        private long steps;

        TimedStep(GradientStep step) {
            this.step = step;
        }

        double millisPerStep() {
            return steps == 0 ? 0 : nanos / 1e6 / steps;
        }

        @Override
        public String name() {
            return step.name();
        }

        @Override
        public int rows() {
            return step.rows();
        }

        @Override
        public long fingerprint() {
            return step.fingerprint();
        }

        @Override
        public boolean movesWeights() {
            return step.movesWeights();
        }

        @Override
        public void compute(Network network, int[] order, int from, int count, RandomSource dropout,
                EpochTotals totals) {
            long start = System.nanoTime();
            step.compute(network, order, from, count, dropout, totals);
            nanos += System.nanoTime() - start;
            steps++;
        }

        @Override
        public Measurement measure(Network network) {
            return step.measure(network);
        }

        @Override
        public void close() {
            step.close();
        }
    }
}
