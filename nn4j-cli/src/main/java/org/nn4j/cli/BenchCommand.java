package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nn4j.grad.GradientEngine;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Matrix;
import org.nn4j.data.Dataset;
import org.nn4j.train.EpochTotals;
import org.nn4j.train.GradientStep;
import org.nn4j.train.ParameterRanges;
import org.nn4j.train.TrainingLoop;
import org.nn4j.tensor.Precision;
import org.nn4j.grad.GradientMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j bench}: training and prediction throughput for a network shape, on random data, with the machine
 * and kernels it ran on. A training step is what the training loop does per batch: gather the shuffled rows and
 * compute the gradients (split over the threads), check them, then take an SGD step (split over the threads).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure training and prediction throughput for a network shape on random data: samples per "
                + "second (the median of several timed rounds after a warm-up), the kernels in use and the "
                + "process's peak memory.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"--sizes", "--layers"}, paramLabel = "SIZES", split = ",",
            description = "Inputs, hidden sizes and outputs, e.g. 784,256,128,10. Default: 784,256,128,10."
                    + " (--layers is the old spelling.)")
    private List<Integer> layers = List.of(784, 256, 128, 10);

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation. Default: relu.")
    private String activation = "relu";

    @Option(names = "--batch", paramLabel = "N", description = "Training batch size. Default: 128.")
    private int batch = 128;

    @Option(names = "--samples", paramLabel = "N", description = "Rows of random training data. Default: 60000.")
    private int samples = 60_000;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "Gradient: backprop, numerical (forward difference) or central. Default: backprop.")
    private String method = "backprop";

    @Option(names = "--predict-batches", paramLabel = "SIZES", split = ",",
            description = "Batch sizes to time prediction at; 0 for none. Default: 1,1024.")
    private List<Integer> predictBatches = List.of(1, 1024);

    @Option(names = "--seconds", paramLabel = "S", description = "Length of each timed round. Default: 1.")
    private double seconds = 1.0;

    @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds; the median is reported. Default: 5.")
    private int rounds = 5;

    @Option(names = "--precision", paramLabel = "P",
            description = "float64 or float32: how weights, data and batches are stored. Default: float64.")
    private String precision = "float64";

    @Option(names = "--matmul", paramLabel = "N",
            description = "Also time the product of two N×N matrices and report GFLOP/s; 0 for none. Default: 0.")
    private int matmul;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for training (each batch is split over them) and for large matrix products."
                    + " Results are identical for any number. Default: every processor.")
    private Integer threads;

    @Option(names = "--json", description = "Print one JSON object instead of the report.")
    private boolean json;

    @Override
    public Integer call() {
        check();
        Deprecations.warn(spec, "--layers", "--sizes");
        if (threads != null) {
            Kernels.setThreads(threads);
        }
        Task task = layers.get(layers.size() - 1) == 1 ? Task.BINARY : Task.MULTICLASS;
        Activation hidden = Activations.byName(activation);
        Precision storage = Precision.byName(precision);
        Network.Builder builder = Network.builder(layers.get(0)).precision(storage);
        for (int i = 1; i < layers.size() - 1; i++) {
            builder.dense(layers.get(i), hidden);
        }
        Network network = builder.dense(layers.get(layers.size() - 1), task.outputActivation())
                .build(Initializers.HE, RandomSource.seeded(1));
        GradientEngine engine = GradientMethod.byName(method).engine(1e-5);

        SplittableRandom random = new SplittableRandom(7);
        int rows = Math.max(samples, Math.max(batch, 1));
        Matrix inputs = Matrix.zeros(rows, network.inputs(), storage);
        Matrix targets = Matrix.zeros(rows, network.outputs(), storage);
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
            for (int c = 0; c < network.inputs(); c++) {
                inputs.set(r, c, random.nextGaussian());
            }
            task.encodeClass(targets, r, random.nextInt(task == Task.BINARY ? 2 : network.outputs()));
        }
        RandomSource.seeded(7).shuffle(order);
        // The training loop's own step: each batch split over the cores (backprop), gathered, forward, backward.
        TrainingLoop loop = TrainingLoop.builder(task, new Sgd(0.01)).engine(engine).batchSize(batch).build();
        GradientStep step = loop.localStep(new Dataset("random", inputs, targets));
        Sgd sgd = new Sgd(0.01);
        EpochTotals totals = new EpochTotals();
        RandomSource masks = RandomSource.seeded(11);
        ParameterRanges ranges = new ParameterRanges(network.parameters());
        int[] cursor = {0};
        Runnable trainingStep = () -> {
            if (cursor[0] + batch > rows) {
                cursor[0] = 0;
            }
            step.compute(network, order, cursor[0], batch, masks, totals);
            cursor[0] += batch;
            // As the loop does after every batch: check the gradients, then the optimizer's step over the threads.
            if (!ranges.gradientsFinite()) {
                throw new IllegalStateException("The benchmark's gradients stopped being finite");
            }
            ranges.step(sgd);
        };
        double trainRate = batch * medianCallsPerSecond(trainingStep);

        Map<Integer, Double> predictRates = new LinkedHashMap<>();
        for (int size : predictBatches) {
            if (size > 0) {
                Matrix p = Matrix.zeros(size, network.inputs(), storage);
                Matrix.gatherRows(inputs, order, 0, p);
                predictRates.put(size, size * medianCallsPerSecond(() -> network.forward(p)));
            }
        }
        double gflops = Double.NaN;
        if (matmul > 0) {
            Matrix a = Matrix.zeros(matmul, matmul, storage);
            Matrix b = Matrix.zeros(matmul, matmul, storage);
            for (int i = 0; i < a.size(); i++) {
                a.set(i, random.nextGaussian());
                b.set(i, random.nextGaussian());
            }
            Matrix product = Matrix.zeros(matmul, matmul, storage);
            gflops = 2.0 * matmul * matmul * matmul * medianCallsPerSecond(() -> Matrix.multiply(a, b, product)) / 1e9;
        }
        report(network, trainRate, predictRates, gflops);
        return 0;
    }

    private void check() {
        if (layers.size() < 2 || layers.stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(spec.commandLine(), "--sizes needs at least inputs and outputs, all 1 or"
                    + " more, e.g. 784,256,128,10; got " + layers);
        }
        if (matmul < 0) {
            throw new ParameterException(spec.commandLine(), "--matmul must be 0 or more, got " + matmul);
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (batch < 1 || samples < 1 || rounds < 1 || !(seconds > 0) || predictBatches.stream().anyMatch(n -> n < 0)) {
            throw new ParameterException(spec.commandLine(), "--batch, --samples and --rounds must be at least 1,"
                    + " --seconds above 0 and --predict-batches 0 or more; got --batch " + batch + ", --samples "
                    + samples + ", --rounds " + rounds + ", --seconds " + seconds + ", --predict-batches "
                    + predictBatches);
        }
        if (predictBatches.stream().anyMatch(n -> n > Math.max(samples, batch))) {
            throw new ParameterException(spec.commandLine(), "--predict-batches cannot exceed --samples");
        }
        try {
            Activations.byName(activation);
            GradientMethod.byName(method);
            Precision.byName(precision);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Warms up for one round, then times {@code rounds} rounds and returns the median calls per second. */
    private double medianCallsPerSecond(Runnable call) {
        timedRound(call);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = timedRound(call);
        }
        Arrays.sort(rates);
        return rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2;
    }

    private double timedRound(Runnable call) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            call.run();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return calls / (elapsed / 1e9);
    }

    private void report(Network network, double trainRate, Map<Integer, Double> predictRates, double gflops) {
        PrintWriter out = spec.commandLine().getOut();
        long peak = Machine.peakResidentBytes();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("machine", Machine.describe());
            m.put("kernels", Kernels.active());
            m.put("threads", Kernels.threads());
            m.put("network", network.describe());
            m.put("parameters", network.parameterCount());
            m.put("precision", network.precision().id());
            m.put("method", method);
            m.put("batch", batch);
            m.put("train_samples_per_second", trainRate);
            m.put("train_microseconds_per_batch", 1e6 * batch / trainRate);
            Map<String, Object> predict = new LinkedHashMap<>();
            predictRates.forEach((size, rate) -> predict.put(Integer.toString(size), rate));
            m.put("predict_samples_per_second", predict);
            if (matmul > 0) {
                m.put("matmul_n", matmul);
                m.put("matmul_gflops", gflops);
            }
            m.put("peak_rss_bytes", peak);
            out.println(Json.write(m));
        } else {
            out.println("Machine:    " + Machine.describe());
            out.println("Kernels:    " + Kernels.active() + ", " + network.precision().id() + ", up to "
                    + Kernels.threads() + " threads");
            out.printf(Locale.ROOT, "Network:    %s, %s parameters%n", network.describe(),
                    Format.count(network.parameterCount()));
            out.printf(Locale.ROOT, "Training:   %,.0f samples/s (batch %d, %s gradient, SGD; %.1f µs per batch;"
                    + " median of %d rounds of %.1f s)%n", trainRate, batch, method, 1e6 * batch / trainRate, rounds,
                    seconds);
            predictRates.forEach((size, rate) -> out.printf(Locale.ROOT,
                    "Prediction: %,.0f samples/s at batch %d (%.1f µs per call)%n", rate, size, 1e6 * size / rate));
            if (matmul > 0) {
                out.printf(Locale.ROOT, "Matrix product %d×%d: %.1f GFLOP/s%n", matmul, matmul, gflops);
            }
            if (peak > 0) {
                out.printf(Locale.ROOT, "Peak memory (RSS): %.0f MiB%n", peak / 1048576.0);
            }
        }
        out.flush();
    }

}
