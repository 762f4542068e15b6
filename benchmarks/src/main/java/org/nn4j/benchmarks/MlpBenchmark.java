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
 * The pieces of one training step of the 784-256-128-10 MLP (ReLU, softmax cross-entropy) on a batch of 128:
 * the forward pass, forward plus backward, one optimizer step, and the whole step as the mini-batch trainer
 * takes it (gather the shuffled rows, gradients, SGD update). With {@code -prof gc}, {@code trainingStep} shows
 * what the steady-state loop allocates per batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class MlpBenchmark {

    static final int BATCH = 128;
    static final int SAMPLES = 4096;

    private Network network;
    private Matrix allInputs;
    private Matrix allTargets;
    private Matrix inputs;
    private Matrix targets;
    private int[] order;
    private int next;
    private final Backpropagation backprop = new Backpropagation();
    private final Sgd sgd = new Sgd(0.01);
    private final Adam adam = new Adam(0.001);

    @Setup
    public void data() {
        network = Network.builder(784).dense(256, Activations.RELU).dense(128, Activations.RELU)
                .dense(10, Activations.SOFTMAX).build(Initializers.HE, RandomSource.seeded(1));
        SplittableRandom random = new SplittableRandom(7);
        allInputs = Matrix.zeros(SAMPLES, 784);
        allTargets = Matrix.zeros(SAMPLES, 10);
        order = new int[SAMPLES];
        for (int r = 0; r < SAMPLES; r++) {
            order[r] = r;
            for (int c = 0; c < 784; c++) {
                allInputs.set(r, c, random.nextDouble());
            }
            Task.MULTICLASS.encodeClass(allTargets, r, random.nextInt(10));
        }
        inputs = Matrix.zeros(BATCH, 784);
        targets = Matrix.zeros(BATCH, 10);
        Matrix.gatherRows(allInputs, order, 0, inputs);
        Matrix.gatherRows(allTargets, order, 0, targets);
        backprop.computeGradients(network, inputs, targets, Task.MULTICLASS.loss());
    }

    @Benchmark
    public Matrix forward() {
        return network.forward(inputs);
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
        int from = next;
        next = (next + BATCH) % SAMPLES;
        Matrix.gatherRows(allInputs, order, from, inputs);
        Matrix.gatherRows(allTargets, order, from, targets);
        double loss = backprop.computeGradients(network, inputs, targets, Task.MULTICLASS.loss());
        sgd.step(network.parameters());
        return loss;
    }
}
