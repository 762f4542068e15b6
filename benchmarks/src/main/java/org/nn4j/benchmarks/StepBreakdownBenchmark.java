package org.nn4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.grad.Backpropagation;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the microseconds of one float32 training step of the 784-256-128-10 MLP (ReLU, softmax cross-entropy,
 * batch 128) go: gathering the shuffled rows from float64 data into the float32 batch (as {@code nn4j train} does),
 * the eight matrix products of forward and backward alone, forward plus backward (products plus element-wise work:
 * bias, activations, softmax, loss), and one SGD or Adam step. Element-wise time = {@code forwardBackward −
 * products}. Also the prediction of a batch of 1024 (three products and their element-wise work) and the 1024²
 * product, in float32.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class StepBreakdownBenchmark {

    static final int BATCH = 128;
    static final int SAMPLES = 4096;
    static final int[] SIZES = {784, 256, 128, 10};

    private Network network;
    private Matrix allInputs;
    private Matrix allTargets;
    private Matrix inputs;
    private Matrix targets;
    private Matrix large;
    private Matrix square;
    private final Matrix[] largeActivations = new Matrix[SIZES.length];
    private Matrix squareOut;
    private int[] order;
    private int next;
    private final Matrix[] activations = new Matrix[SIZES.length];
    private final Matrix[] gradients = new Matrix[SIZES.length];
    private final Matrix[] weights = new Matrix[SIZES.length - 1];
    private final Matrix[] weightGradients = new Matrix[SIZES.length - 1];
    private final Backpropagation backprop = new Backpropagation();
    private final Sgd sgd = new Sgd(0.01);
    private final Adam adam = new Adam(0.001);

    @Setup
    public void data() {
        network = Network.builder(784).dense(256, Activations.RELU).dense(128, Activations.RELU)
                .dense(10, Activations.SOFTMAX).precision(Precision.FLOAT32)
                .build(Initializers.HE, RandomSource.seeded(1));
        SplittableRandom random = new SplittableRandom(7);
        allInputs = Matrix.zeros(SAMPLES, 784);
        allTargets = Matrix.zeros(SAMPLES, 10);
        order = new int[SAMPLES];
        for (int r = 0; r < SAMPLES; r++) {
            order[r] = (int) ((r * 2654435761L) % SAMPLES);
            for (int c = 0; c < 784; c++) {
                allInputs.set(r, c, random.nextDouble());
            }
            Task.MULTICLASS.encodeClass(allTargets, r, random.nextInt(10));
        }
        inputs = Matrix.zeros(BATCH, 784, Precision.FLOAT32);
        targets = Matrix.zeros(BATCH, 10, Precision.FLOAT32);
        Matrix.gatherRows(allInputs, order, 0, inputs);
        Matrix.gatherRows(allTargets, order, 0, targets);
        large = Matrix.zeros(1024, 784, Precision.FLOAT32);
        Matrix.gatherRows(allInputs, order, 0, large);
        backprop.computeGradients(network, inputs, targets, Task.MULTICLASS.loss());
        for (int i = 0; i < SIZES.length; i++) {
            activations[i] = filled(BATCH, SIZES[i], random);
            gradients[i] = filled(BATCH, SIZES[i], random);
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = filled(SIZES[i], SIZES[i + 1], random);
            weightGradients[i] = Matrix.zeros(SIZES[i], SIZES[i + 1], Precision.FLOAT32);
        }
        largeActivations[0] = large;
        for (int i = 1; i < SIZES.length; i++) {
            largeActivations[i] = Matrix.zeros(1024, SIZES[i], Precision.FLOAT32);
        }
        square = filled(1024, 1024, random);
        squareOut = Matrix.zeros(1024, 1024, Precision.FLOAT32);
    }

    private static Matrix filled(int rows, int cols, SplittableRandom random) {
        Matrix m = Matrix.zeros(rows, cols, Precision.FLOAT32);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextGaussian());
        }
        return m;
    }

    @Benchmark
    public Matrix gather() {
        int from = next;
        next = (next + BATCH) % SAMPLES;
        Matrix.gatherRows(allInputs, order, from, inputs);
        Matrix.gatherRows(allTargets, order, from, targets);
        return inputs;
    }

    /** The products of one step: three forward, three weight gradients, two input gradients. */
    @Benchmark
    public Matrix products() {
        for (int i = 0; i < weights.length; i++) {
            Matrix.multiply(activations[i], weights[i], activations[i + 1]);
        }
        for (int i = weights.length - 1; i >= 0; i--) {
            Matrix.multiplyTransposedA(activations[i], gradients[i + 1], weightGradients[i]);
            if (i > 0) {
                Matrix.multiplyTransposedB(gradients[i + 1], weights[i], gradients[i]);
            }
        }
        return gradients[1];
    }

    @Benchmark
    public double forwardBackward() {
        return backprop.computeGradients(network, inputs, targets, Task.MULTICLASS.loss());
    }

    @Benchmark
    public void sgdStep() {
        sgd.step(network.parameters());
    }

    @Benchmark
    public void adamStep() {
        adam.step(network.parameters());
    }

    @Benchmark
    public double trainingStep() {
        gather();
        double loss = backprop.computeGradients(network, inputs, targets, Task.MULTICLASS.loss());
        sgd.step(network.parameters());
        return loss;
    }

    @Benchmark
    public Matrix predict1024() {
        return network.forward(large);
    }

    /** The three products of {@link #predict1024} alone: the rest of it is bias, activations and softmax. */
    @Benchmark
    public Matrix predictProducts1024() {
        for (int i = 0; i < weights.length; i++) {
            Matrix.multiply(largeActivations[i], network.layers().get(i).weight().value(), largeActivations[i + 1]);
        }
        return largeActivations[weights.length];
    }

    @Benchmark
    public Matrix product1024() {
        Matrix.multiply(square, square, squareOut);
        return squareOut;
    }
}
