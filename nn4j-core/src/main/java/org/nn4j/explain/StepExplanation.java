package org.nn4j.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nn4j.grad.Backpropagation;
import org.nn4j.nn.LayerTrace;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * One full-batch training step, taken apart the way a tutorial explains it: the forward pass layer by layer, then
 * for every parameter the nudge by ε, the loss before and after, the numerical gradient, the exact backprop
 * gradient beside it and their difference, then the update {@code θ ← θ − lr·g} and the loss after it. The step
 * is exactly the one training takes (the same arithmetic, so the same bits).
 *
 * @param forward each layer's pre-activation z and output a, one row per sample
 * @param lossBefore the loss at the starting weights
 * @param parameters every parameter element, in the network's order (W1, b1, W2, b2, …)
 * @param useBackprop whether the update used the backprop gradient (else the numerical one, as the tutorial does)
 * @param lossAfter the loss after the update
 */
public record StepExplanation(String network, String lossName, double[][] inputs, double[][] targets,
        List<LayerPass> forward, double lossBefore, double epsilon, List<ParameterStep> parameters,
        double learningRate, boolean useBackprop, double lossAfter) {

    /** One layer's forward pass. */
    public record LayerPass(int layer, String activation, double[][] z, double[][] a) {
    }

    /** One parameter element through the step. */
    public record ParameterStep(String name, double value, double nudged, double lossNudged, double numerical,
            double backprop, double updated) {

        /** |numerical − backprop|: the forward difference's error, O(ε). */
        public double difference() {
            return Math.abs(numerical - backprop);
        }
    }

    /**
     * Explains one step on {@code network} (which is not changed) with the batch {@code inputs}/{@code targets}.
     */
    public static StepExplanation of(Network network, Matrix inputs, Matrix targets, Loss loss, double epsilon,
            double learningRate, boolean useBackprop) {
        Network work = network.copy();
        List<LayerPass> forward = new ArrayList<>();
        for (LayerTrace t : work.trace(inputs)) {
            forward.add(new LayerPass(forward.size() + 1, t.layer().activation().name(), t.z().toRows(),
                    t.a().toRows()));
        }
        double before = loss.value(work.forward(inputs), targets);

        Network exact = work.copy();
        new Backpropagation().computeGradients(exact, inputs, targets, loss);
        List<ParameterStep> steps = new ArrayList<>();
        List<double[]> gradients = new ArrayList<>();
        for (int p = 0; p < work.parameters().size(); p++) {
            Parameter parameter = work.parameters().get(p);
            Matrix value = parameter.value();
            double[] used = new double[value.size()];
            for (int i = 0; i < value.size(); i++) {
                double original = value.get(i);
                value.set(i, original + epsilon);
                double nudged = value.get(i);
                double lossNudged = loss.value(work.forward(inputs), targets);
                value.set(i, original);
                double numerical = (lossNudged - before) / epsilon;
                double backprop = exact.parameters().get(p).gradient().get(i);
                used[i] = useBackprop ? backprop : numerical;
                steps.add(new ParameterStep(name(parameter, value, i), original, nudged, lossNudged, numerical,
                        backprop, Double.NaN));
            }
            gradients.add(used);
        }
        // The update, as the SGD step makes it: θ − lr·g, each element once.
        int k = 0;
        for (int p = 0; p < work.parameters().size(); p++) {
            Matrix value = work.parameters().get(p).value();
            double[] g = gradients.get(p);
            for (int i = 0; i < value.size(); i++) {
                value.set(i, value.get(i) - learningRate * g[i]);
                ParameterStep s = steps.get(k);
                steps.set(k++, new ParameterStep(s.name(), s.value(), s.nudged(), s.lossNudged(), s.numerical(),
                        s.backprop(), value.get(i)));
            }
        }
        double after = loss.value(work.forward(inputs), targets);
        return new StepExplanation(network.describe(), loss.name(), inputs.toRows(), targets.toRows(), forward,
                before, epsilon, steps, learningRate, useBackprop, after);
    }

    /** The tutorial's names: W1, b1, W2, b2…, with the element's row and column from 1, e.g. {@code W1[2,1]}. */
    private static String name(Parameter parameter, Matrix value, int index) {
        String[] parts = parameter.name().split("\\.");
        int layer = Integer.parseInt(parts[1]) + 1;
        String base = (parts[2].equals("weight") ? "W" : "b") + layer;
        int row = index / value.cols() + 1;
        int col = index % value.cols() + 1;
        return parts[2].equals("weight") ? base + "[" + row + "," + col + "]" : base + "[" + col + "]";
    }

    /** An aligned plain-text report for a terminal. */
    public String table() {
        return new StepReport(this, false).render();
    }

    /** The same report in Markdown, with tables. */
    public String markdown() {
        return new StepReport(this, true).render();
    }

    /** Everything as JSON-ready maps and lists. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("network", network);
        map.put("loss_function", lossName);
        map.put("inputs", rows(inputs));
        map.put("targets", rows(targets));
        List<Object> layers = new ArrayList<>();
        for (LayerPass pass : forward) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("layer", pass.layer());
            l.put("activation", pass.activation());
            l.put("z", rows(pass.z()));
            l.put("a", rows(pass.a()));
            layers.add(l);
        }
        map.put("forward", layers);
        map.put("loss_before", lossBefore);
        map.put("epsilon", epsilon);
        List<Object> params = new ArrayList<>();
        for (ParameterStep s : parameters) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("parameter", s.name());
            p.put("value", s.value());
            p.put("nudged", s.nudged());
            p.put("loss_nudged", s.lossNudged());
            p.put("numerical_gradient", s.numerical());
            p.put("backprop_gradient", s.backprop());
            p.put("difference", s.difference());
            p.put("updated", s.updated());
            params.add(p);
        }
        map.put("parameters", params);
        map.put("learning_rate", learningRate);
        map.put("update_uses", useBackprop ? "backprop" : "numerical");
        map.put("loss_after", lossAfter);
        return map;
    }

    private static List<Object> rows(double[][] values) {
        List<Object> out = new ArrayList<>();
        for (double[] row : values) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            out.add(r);
        }
        return out;
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
