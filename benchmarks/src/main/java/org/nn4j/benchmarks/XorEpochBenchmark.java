package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.grad.Backpropagation;
import org.nn4j.grad.GradientEngine;
import org.nn4j.grad.NumericalGradient;
import org.nn4j.grad.TinyNetworkGradient;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.XorResult;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of the tutorial's XOR training (2-2-1, ReLU then sigmoid, binary cross-entropy, full batch of 4):
 * the gradient by the tutorial's forward difference or by backpropagation, then the gradient-descent update.
 * {@code numericalEpoch} is the scalar path the training loop takes for this network ({@link TinyNetworkGradient});
 * {@code numericalEpochThroughMatrices} the general engine it gives the same bits as. {@code tutorialJob} is the
 * whole of the tutorial's job in one process, {@code nn4j xor --preset tutorial --epochs 1000000} without the JVM's
 * start: the one training loop with its checks and a loss every 100 epochs, timed per epoch.
 * {@code benchmarks/compare.sh} compares the same epoch with the tutorial's numpy code and with PyTorch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class XorEpochBenchmark {

    /** The epochs of the tutorial's job as its source repository runs it. */
    private static final int TUTORIAL_EPOCHS = 1_000_000;

    private final Dataset xor = LogicGates.xor();
    private final GradientEngine matrixNumerical = NumericalGradient.forwardDifference(1e-5);
    private final GradientEngine numerical = new TinyNetworkGradient(NumericalGradient.forwardDifference(1e-5));
    private final GradientEngine backprop = new Backpropagation();
    private final Sgd descent = new Sgd(0.01);
    private Network network;

    @Setup(Level.Iteration)
    public void freshNetwork() {
        // Seed 0 of the tutorial preset: the weights of ../shared/reference/xor-seed0-doc.json, which barely move
        // in the 1,000s of epochs of one iteration at lr 0.01, so every epoch does the same work.
        network = XorTraining.newNetwork(XorSettings.tutorial());
    }

    @Benchmark
    public double numericalEpoch() {
        double loss = numerical.computeGradients(network, xor.inputs(), xor.targets(), Losses.BINARY_CROSS_ENTROPY);
        descent.step(network.parameters());
        return loss;
    }

    @Benchmark
    public double numericalEpochThroughMatrices() {
        double loss = matrixNumerical.computeGradients(network, xor.inputs(), xor.targets(),
                Losses.BINARY_CROSS_ENTROPY);
        descent.step(network.parameters());
        return loss;
    }

    @Benchmark
    @OperationsPerInvocation(TUTORIAL_EPOCHS)
    public XorResult tutorialJob() {
        return XorTraining.train(XorSettings.tutorial().withEpochs(TUTORIAL_EPOCHS), TrainingListener.NONE);
    }

    @Benchmark
    public double backpropEpoch() {
        double loss = backprop.computeGradients(network, xor.inputs(), xor.targets(), Losses.BINARY_CROSS_ENTROPY);
        descent.step(network.parameters());
        return loss;
    }
}
