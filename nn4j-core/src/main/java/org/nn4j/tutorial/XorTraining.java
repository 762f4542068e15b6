package org.nn4j.tutorial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.Trainer;
import org.nn4j.train.TrainingHistory;
import org.nn4j.train.TrainingListener;

/**
 * The tutorial end to end as a library call: build the XOR network from {@link XorSettings} (or take a given
 * one), train it on the truth table by full-batch gradient descent with binary cross-entropy, and return it with
 * its history.
 */
public final class XorTraining {

    private XorTraining() {
    }

    /** The network the settings describe, with initial weights drawn from the settings' seed. */
    public static Network newNetwork(XorSettings settings) {
        Network.Builder builder = Network.builder(2);
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
        Trainer trainer = new Trainer(settings.method().engine(settings.epsilon()),
                new Sgd(settings.learningRate()), Losses.BINARY_CROSS_ENTROPY);
        TrainingHistory history = trainer.fit(network, xor.inputs(), xor.targets(), settings.epochs(),
                settings.reportEvery(), listener);
        return new XorResult(network, history, provenance(network, settings, trainer, history));
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

    private static Map<String, String> provenance(Network network, XorSettings settings, Trainer trainer,
            TrainingHistory history) {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("data", "xor");
        record.put("engine", trainer.engine().name());
        record.put("optimizer", trainer.optimizer().name());
        record.put("loss", trainer.loss().name());
        record.put("epochs", Integer.toString(history.epochs()));
        record.put("seed", Long.toString(settings.seed()));
        record.put("initializer", settings.initializer().name() + (settings.numpyRandom() ? " (numpy RandomState)" : ""));
        record.put("final_loss", Double.toString(history.finalLoss()));
        return record;
    }
}
