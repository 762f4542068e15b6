package org.nn4j.train;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.grad.GradientEngine;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.optim.Optimizer;
import org.nn4j.tensor.Matrix;

/**
 * Full-batch training, the tutorial's loop: each epoch computes the gradient of the mean loss over the whole data
 * set with the chosen engine and lets the optimizer update the weights. Every {@code reportEvery} epochs (and
 * after the last) it measures the loss at the new weights and tells the listener.
 *
 * <p>Nothing here is random: the same network, data and settings give the same weights bit for bit.
 */
public final class Trainer {

    private final GradientEngine engine;
    private final Optimizer optimizer;
    private final Loss loss;

    public Trainer(GradientEngine engine, Optimizer optimizer, Loss loss) {
        this.engine = engine;
        this.optimizer = optimizer;
        this.loss = loss;
    }

    public GradientEngine engine() {
        return engine;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    /**
     * Trains {@code network} in place for {@code epochs} epochs on ({@code inputs}, {@code targets}).
     * Stops early if the loss or a gradient stops being a finite number, and then leaves the network with the
     * last weights whose loss was finite.
     */
    public TrainingHistory fit(Network network, Matrix inputs, Matrix targets, int epochs, int reportEvery,
            TrainingListener listener) {
        if (epochs < 0) {
            throw new IllegalArgumentException("The number of epochs must be 0 or more, got " + epochs);
        }
        if (reportEvery <= 0) {
            throw new IllegalArgumentException("Loss reports need a positive interval in epochs, got " + reportEvery);
        }
        List<LossReport> reports = new ArrayList<>();
        // The weights before the last update, to fall back on when that update made the loss non-finite.
        Network lastFinite = network.copy();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double before = engine.computeGradients(network, inputs, targets, loss);
            if (!Double.isFinite(before) || !finiteGradients(network)) {
                if (!Double.isFinite(before)) {
                    network.copyWeightsFrom(lastFinite);
                }
                return new TrainingHistory(reports, epoch - 1, true);
            }
            lastFinite.copyWeightsFrom(network);
            listener.onGradients(epoch, network.parameters());
            optimizer.step(network.parameters());
            if (epoch % reportEvery == 0 || epoch == epochs) {
                LossReport report = new LossReport(epoch, loss.value(network.forward(inputs), targets));
                if (!Double.isFinite(report.loss())) {
                    network.copyWeightsFrom(lastFinite);
                    return new TrainingHistory(reports, epoch - 1, true);
                }
                reports.add(report);
                listener.onReport(report);
            }
        }
        return new TrainingHistory(reports, epochs, false);
    }

    private static boolean finiteGradients(Network network) {
        for (var p : network.parameters()) {
            if (!p.gradient().isFinite()) {
                return false;
            }
        }
        return true;
    }
}
