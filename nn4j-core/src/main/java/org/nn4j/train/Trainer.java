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
     * Stops early, keeping the last weights whose loss was finite, if the loss becomes NaN or infinite.
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
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double before = engine.computeGradients(network, inputs, targets, loss);
            if (!Double.isFinite(before)) {
                return new TrainingHistory(reports, epoch - 1, true);
            }
            optimizer.step(network.parameters());
            if (epoch % reportEvery == 0 || epoch == epochs) {
                LossReport report = new LossReport(epoch, loss.value(network.forward(inputs), targets));
                reports.add(report);
                listener.onReport(report);
            }
        }
        return new TrainingHistory(reports, epochs, false);
    }
}
