package org.nn4j.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.grad.GradientEngine;
import org.nn4j.grad.GradientMethod;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.train.TrainingListener;

/**
 * The tutorial's training takes the scalar path ({@link org.nn4j.grad.TinyNetworkGradient}) by itself, and it
 * changes no bit: the training loop ends on the weights that the general engine and plain gradient descent reach
 * epoch by epoch, over runs long enough to learn XOR.
 */
class TutorialScalarPathTest {

    /** Plain gradient descent by the general engine, outside the training loop: the weights to match. */
    private static Network trainedByTheGeneralEngine(XorSettings settings) {
        Network network = XorTraining.newNetwork(settings);
        GradientEngine engine = settings.method().engine(settings.epsilon());
        Sgd descent = new Sgd(settings.learningRate());
        Dataset xor = LogicGates.xor();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            engine.computeGradients(network, xor.inputs(), xor.targets(), Losses.BINARY_CROSS_ENTROPY);
            descent.step(network.parameters());
        }
        return network;
    }

    @Test
    void trainsToTheGeneralEnginesWeightsBitForBit() {
        XorSettings[] runs = {
            XorSettings.tutorial().withEpochs(20_000),
            XorSettings.tutorial().withSeed(1).withEpochs(20_000),
            XorSettings.tutorial().withSeed(5).withLearningRate(0.03).withEpsilon(1e-4).withEpochs(20_000),
            XorSettings.tutorial().withSeed(3).withMethod(GradientMethod.CENTRAL).withEpochs(20_000),
            XorSettings.tutorial().withSeed(2).withHidden(List.of(5)).withLearningRate(0.1)
                    .withEpochs(20_000),
        };
        for (XorSettings settings : runs) {
            Network expected = trainedByTheGeneralEngine(settings);
            Network actual = XorTraining.train(settings, TrainingListener.NONE).network();
            for (int p = 0; p < expected.parameters().size(); p++) {
                assertThat(actual.parameters().get(p).value().sameBits(expected.parameters().get(p).value()))
                        .as("%s after %s", expected.parameters().get(p).name(), settings).isTrue();
            }
        }
    }
}
