package org.nn4j.doctor;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.nn.Parameter;
import org.nn4j.train.TrainingListener;

/**
 * Records, per epoch, the mean L2 norm of each layer's weight gradient over the epoch's steps: what the doctor
 * reads to tell vanishing from exploding gradients, and what a dashboard plots. Add it to a run as a listener.
 */
public final class GradientNorms implements TrainingListener {

    private final List<double[]> perEpoch = new ArrayList<>();
    private double[] sums;
    private int steps;
    private int epoch;

    @Override
    public void onGradients(int epoch, List<Parameter> parameters) {
        int layers = parameters.size() / 2;
        if (epoch != this.epoch) {
            finishEpoch();
            this.epoch = epoch;
            sums = new double[layers];
        }
        // Parameters come weight, bias, weight, bias…; the weights' gradients say how much each layer learns.
        for (int l = 0; l < layers; l++) {
            var g = parameters.get(2 * l).gradient();
            double squares = 0;
            for (int i = 0, n = g.size(); i < n; i++) {
                double v = g.get(i);
                squares += v * v;
            }
            sums[l] += Math.sqrt(squares);
        }
        steps++;
    }

    private void finishEpoch() {
        if (sums != null && steps > 0) {
            double[] means = new double[sums.length];
            for (int l = 0; l < means.length; l++) {
                means[l] = sums[l] / steps;
            }
            perEpoch.add(means);
        }
        steps = 0;
        sums = null;
    }

    /**
     * The latest epoch's mean weight-gradient norm per layer (the epoch in progress, else the last one finished);
     * empty before the first step. Unlike {@link #perEpoch} it copies no history, so a live view may ask every epoch.
     */
    public double[] latest() {
        if (sums != null && steps > 0) {
            double[] means = new double[sums.length];
            for (int l = 0; l < means.length; l++) {
                means[l] = sums[l] / steps;
            }
            return means;
        }
        return perEpoch.isEmpty() ? new double[0] : perEpoch.get(perEpoch.size() - 1).clone();
    }

    /** Each epoch's mean weight-gradient norm per layer, first layer first; the epoch in progress included. */
    public List<double[]> perEpoch() {
        List<double[]> out = new ArrayList<>();
        for (double[] e : perEpoch) {
            out.add(e.clone());
        }
        if (sums != null && steps > 0) {
            double[] means = new double[sums.length];
            for (int l = 0; l < means.length; l++) {
                means[l] = sums[l] / steps;
            }
            out.add(means);
        }
        return out;
    }
}
