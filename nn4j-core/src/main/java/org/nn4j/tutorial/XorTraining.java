package org.nn4j.tutorial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.nn.Activations;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * The tutorial end to end as a library call: build the XOR network from {@link XorSettings} (or take a given
 * one), train it on the truth table by full-batch gradient descent with binary cross-entropy, and return it with
 * its history. It is nn4j's one {@link TrainingLoop} with the tutorial's settings: one batch of all four rows in
 * their order, no shuffling, and the loss measured over all rows after each reported epoch's update.
 */
public final class XorTraining {

    private XorTraining() {
    }

    /** The network the settings describe, with initial weights drawn from the settings' seed. */
    public static Network newNetwork(XorSettings settings) {
        // float64, not the builder's float32: the tutorial reproduces numpy's float64 trajectories.
        Network.Builder builder = Network.builder(2).precision(Precision.FLOAT64);
        for (int units : settings.hidden()) {
            builder.dense(units, settings.activation());
        }
        return builder.dense(1, Activations.SIGMOID).build(settings.initializer(), settings.random());
    }

    /** Trains a new network drawn from the settings. */
    public static XorResult train(XorSettings settings, TrainingListener listener) {
        return train(newNetwork(settings), settings, listener);
    }

    /**
     * Trains {@code network} in place, starting from its current weights (for example loaded from a model file).
     * It must take 2 inputs and give 1 output.
     */
    public static XorResult train(Network network, XorSettings settings, TrainingListener listener) {
        if (network.inputs() != 2 || network.outputs() != 1) {
            throw new IllegalArgumentException(
                    "XOR needs a network with 2 inputs and 1 output, got " + network.sizes());
        }
        Dataset xor = LogicGates.xor();
        TrainingLoop loop = TrainingLoop.builder(Task.BINARY, new Sgd(settings.learningRate()))
                .engine(settings.method().engine(settings.epsilon()))
                .batchSize(xor.size()).shuffle(false).epochs(Math.max(1, settings.epochs()))
                .measureEvery(settings.reportEvery()).lossAtEpochEnd(true).build();
        FitResult history = settings.epochs() == 0 ? new FitResult(List.of(), 0, 0, FitResult.COMPLETED)
                : loop.fit(network, xor, null, listener);
        return new XorResult(network, history, provenance(settings, loop, history));
    }

    /** True when all four outputs are on the correct side of 0.5. */
    public static boolean solvesXor(Network network) {
        Dataset xor = LogicGates.xor();
        Matrix out = network.forward(xor.inputs());
        for (int i = 0; i < xor.size(); i++) {
            if ((out.get(i, 0) > 0.5) != (xor.targets().get(i, 0) > 0.5)) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> provenance(XorSettings settings, TrainingLoop loop, FitResult history) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("data", "xor");
        record.put("engine", loop.settings().engine().name());
        record.put("optimizer", loop.settings().optimizer().name());
        record.put("loss", loop.settings().task().loss().name());
        record.put("epochs", Integer.toString(history.epochs()));
        record.put("seed", Long.toString(settings.seed()));
        record.put("initializer", settings.initializer().name() + (settings.numpyRandom() ? " (numpy RandomState)" : ""));
        record.put("final_loss", Double.toString(history.history().isEmpty() ? Double.NaN
                : history.last().get("loss")));
        return record;
    }
}
