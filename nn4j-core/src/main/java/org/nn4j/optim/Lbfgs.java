package org.nn4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nn4j.nn.Parameter;

/**
 * L-BFGS by PyTorch's {@code torch.optim.LBFGS} rule, for full-batch training: a quasi-Newton method that
 * approximates the inverse Hessian from the last m changes of the weights and the gradient, so steps are scaled to
 * the curvature of the loss, without second derivatives. All parameters form one vector θ with gradient g. One
 * {@link #step(List, Objective) step} makes at most {@code maxIterations} iterations k = 1, 2, …:
 * <pre>
 *   sₖ = t·d,  yₖ = g − g_prev                      (the last move and the change of the gradient it made)
 *   if yₖ·sₖ &gt; 1e-10:  keep (sₖ, yₖ, ρₖ = 1/(yₖ·sₖ)), dropping the oldest past m;  γ = yₖ·sₖ / yₖ·yₖ
 *   d = −H·g  by the two-loop recursion over the kept pairs:
 *       q = −g;  for i newest to oldest: αᵢ = ρᵢ·sᵢ·q,  q ← q − αᵢ·yᵢ
 *       d = γ·q; for i oldest to newest: βᵢ = ρᵢ·yᵢ·d,  d ← d + (αᵢ − βᵢ)·sᵢ
 *   (on the very first iteration d = −g, γ = 1)
 *   t = lr, or min(1, 1/Σ|gᵢ|)·lr on the very first iteration; with a line search, the step it finds from there
 *   θ ← θ + t·d
 * </pre>
 * A step stops early when max|gᵢ| ≤ {@code toleranceGrad}, when g·d &gt; −{@code toleranceChange}, when
 * max|t·dᵢ| or the change of the loss falls below {@code toleranceChange}, or after {@code maxEvaluations}
 * evaluations of the loss. The pairs, d, t and g carry over to the next step. Without a line search the loss is
 * re-evaluated after each iteration but the last; with {@link LineSearch#STRONG_WOLFE} each iteration's step
 * length comes from the strong Wolfe line search (whose bracket tolerance is 1e-9 whatever {@code toleranceChange},
 * as in PyTorch). Defaults as in PyTorch: lr = 1, 20 iterations, 25 evaluations,
 * toleranceGrad = 1e-7, toleranceChange = 1e-9, m = 100, no line search.
 *
 * <p>L-BFGS compares losses at trial points, so each evaluation must see the same function: all training rows,
 * no dropout. It needs an {@link Objective}; {@link #step(List)} alone refuses.
 */
public final class Lbfgs implements Optimizer {

    /** Pairs whose curvature yₖ·sₖ is this small or smaller are not kept: they would make H indefinite. */
    static final double MIN_CURVATURE = 1e-10;

    private double learningRate;
    private final int maxIterations;
    private final int maxEvaluations;
    private final double toleranceGrad;
    private final double toleranceChange;
    private final int historySize;
    private final LineSearch lineSearch;

    // Carried from step to step, as PyTorch's optimizer state.
    private final List<double[]> steps = new ArrayList<>();
    private final List<double[]> gradientChanges = new ArrayList<>();
    private final List<Double> rho = new ArrayList<>();
    private double[] direction;
    private double stepLength;
    private double hessianScale = 1;
    private double[] previousGradient;
    private double previousLoss;
    private int iterations;
    private int evaluations;

    /** L-BFGS with learning rate {@code learningRate} and PyTorch's other defaults. */
    public Lbfgs(double learningRate) {
        this(learningRate, 100, LineSearch.NONE);
    }

    /** L-BFGS keeping {@code historySize} pairs, with {@code lineSearch}, and PyTorch's other defaults. */
    public Lbfgs(double learningRate, int historySize, LineSearch lineSearch) {
        this(learningRate, 20, 25, 1e-7, 1e-9, historySize, lineSearch);
    }

    public Lbfgs(double learningRate, int maxIterations, int maxEvaluations, double toleranceGrad,
            double toleranceChange, int historySize, LineSearch lineSearch) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
        if (maxIterations < 1 || maxEvaluations < 1) {
            throw new IllegalArgumentException("L-BFGS needs 1 or more iterations and evaluations per step, got "
                    + maxIterations + " and " + maxEvaluations);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("The L-BFGS history must keep 1 or more pairs, got " + historySize);
        }
        this.maxIterations = maxIterations;
        this.maxEvaluations = maxEvaluations;
        this.toleranceGrad = Optimizer.requireNonNegative("gradient tolerance", toleranceGrad);
        this.toleranceChange = Optimizer.requireNonNegative("change tolerance", toleranceChange);
        this.historySize = historySize;
        this.lineSearch = Objects.requireNonNull(lineSearch, "lineSearch");
    }

    @Override
    public String name() {
        StringBuilder sb = new StringBuilder("lbfgs(lr=").append(learningRate);
        sb.append(", max_iter=").append(maxIterations);
        if (maxEvaluations != maxIterations * 5 / 4) {
            sb.append(", max_eval=").append(maxEvaluations);
        }
        if (toleranceGrad != 1e-7) {
            sb.append(", tolerance_grad=").append(toleranceGrad);
        }
        if (toleranceChange != 1e-9) {
            sb.append(", tolerance_change=").append(toleranceChange);
        }
        return sb.append(", history_size=").append(historySize).append(", line_search=")
                .append(lineSearch.label()).append(')').toString();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Optimizer.requirePositive("learning rate", learningRate);
    }

    @Override
    public boolean needsObjective() {
        return true;
    }

    @Override
    public void step(List<Parameter> parameters) {
        throw new UnsupportedOperationException(name() + " evaluates the loss at points of its own choosing: call"
                + " step(parameters, objective) over all training rows");
    }

    @Override
    public double step(List<Parameter> parameters, Objective objective) {
        int n = Vectors.size(parameters);
        double startLoss = objective.evaluate();
        double loss = startLoss;
        int stepEvaluations = 1;
        evaluations++;
        double[] g = new double[n];
        Vectors.gatherGradients(parameters, g);
        if (Vectors.maxAbs(g) <= toleranceGrad) {
            return startLoss;
        }
        for (int k = 1; k <= maxIterations; k++) {
            iterations++;
            if (iterations == 1) {
                direction = new double[n];
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                steps.clear();
                gradientChanges.clear();
                rho.clear();
                hessianScale = 1;
            } else {
                remember(g);
                direction = twoLoop(g);
            }
            if (previousGradient == null) {
                previousGradient = g.clone();
            } else {
                System.arraycopy(g, 0, previousGradient, 0, n);
            }
            previousLoss = loss;

            stepLength = iterations == 1 ? Math.min(1.0, 1.0 / Vectors.sumAbs(g)) * learningRate : learningRate;
            double slope = Vectors.dot(g, direction);
            if (slope > -toleranceChange) {
                break;
            }
            int lineEvaluations = 0;
            boolean optimal = false;
            if (lineSearch == LineSearch.STRONG_WOLFE) {
                StrongWolfe.Step found = StrongWolfe.search(line(parameters, objective, n), direction, stepLength,
                        loss, g, slope);
                loss = found.loss();
                g = found.gradient();
                stepLength = found.t();
                lineEvaluations = found.evaluations();
                Vectors.addScaled(parameters, stepLength, direction);
                optimal = Vectors.maxAbs(g) <= toleranceGrad;
            } else {
                Vectors.addScaled(parameters, stepLength, direction);
                if (k != maxIterations) {
                    // The last iteration's loss is left for the next step to evaluate.
                    loss = objective.evaluate();
                    g = new double[n];
                    Vectors.gatherGradients(parameters, g);
                    optimal = Vectors.maxAbs(g) <= toleranceGrad;
                    lineEvaluations = 1;
                }
            }
            stepEvaluations += lineEvaluations;
            evaluations += lineEvaluations;
            if (k == maxIterations || stepEvaluations >= maxEvaluations || optimal
                    || Vectors.maxAbs(direction) * Math.abs(stepLength) <= toleranceChange
                    || Math.abs(loss - previousLoss) < toleranceChange) {
                break;
            }
        }
        return startLoss;
    }

    /** Keeps the pair of the last move, when its curvature is positive, and rescales γ from it. */
    private void remember(double[] g) {
        int n = g.length;
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = g[i] - previousGradient[i];
            s[i] = direction[i] * stepLength;
        }
        double ys = Vectors.dot(y, s);
        if (ys > MIN_CURVATURE) {
            if (steps.size() == historySize) {
                steps.remove(0);
                gradientChanges.remove(0);
                rho.remove(0);
            }
            gradientChanges.add(y);
            steps.add(s);
            rho.add(1.0 / ys);
            hessianScale = ys / Vectors.dot(y, y);
        }
    }

    /** −H·g by the two-loop recursion over the kept pairs. */
    private double[] twoLoop(double[] g) {
        int n = g.length;
        int kept = steps.size();
        double[] alpha = new double[kept];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = -g[i];
        }
        for (int j = kept - 1; j >= 0; j--) {
            alpha[j] = Vectors.dot(steps.get(j), q) * rho.get(j);
            double[] y = gradientChanges.get(j);
            double a = -alpha[j];
            for (int i = 0; i < n; i++) {
                q[i] += a * y[i];
            }
        }
        for (int i = 0; i < n; i++) {
            q[i] *= hessianScale;
        }
        for (int j = 0; j < kept; j++) {
            double beta = Vectors.dot(gradientChanges.get(j), q) * rho.get(j);
            double[] s = steps.get(j);
            double a = alpha[j] - beta;
            for (int i = 0; i < n; i++) {
                q[i] += a * s[i];
            }
        }
        return q;
    }

    /** φ(t) for the line search along the current direction: the loss at θ + t·d, the parameters put back at θ. */
    private StrongWolfe.Line line(List<Parameter> parameters, Objective objective, int n) {
        double[] start = new double[n];
        Vectors.gatherValues(parameters, start);
        double[] d = direction;
        return (t, gradient) -> {
            Vectors.addScaled(parameters, t, d);
            double f = objective.evaluate();
            Vectors.gatherGradients(parameters, gradient);
            Vectors.scatterValues(start, parameters);
            return f;
        };
    }

    /**
     * The state carried between steps, for checkpoints: {@code lbfgs.counts} (iterations, evaluations),
     * {@code lbfgs.scalars} (t, γ, the previous loss), the direction and previous gradient, and the kept pairs
     * one after the other with their ρ. Empty before the first step.
     */
    @Override
    public Map<String, double[]> state(List<Parameter> parameters) {
        Map<String, double[]> state = new LinkedHashMap<>();
        if (iterations == 0) {
            return state;
        }
        state.put("lbfgs.counts", new double[] {iterations, evaluations});
        state.put("lbfgs.scalars", new double[] {stepLength, hessianScale, previousLoss});
        state.put("lbfgs.direction", direction.clone());
        state.put("lbfgs.previous_gradient", previousGradient.clone());
        if (!steps.isEmpty()) {
            state.put("lbfgs.steps", concatenate(steps));
            state.put("lbfgs.gradient_changes", concatenate(gradientChanges));
            state.put("lbfgs.rho", rho.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return state;
    }

    @Override
    public void restoreState(List<Parameter> parameters, Map<String, double[]> state) {
        int n = Vectors.size(parameters);
        // Everything is checked before anything is kept: a file may hold anything.
        double[] counts = state.get("lbfgs.counts");
        double[] scalars = state.get("lbfgs.scalars");
        double[] d = state.get("lbfgs.direction");
        double[] previous = state.get("lbfgs.previous_gradient");
        double[] rhos = state.getOrDefault("lbfgs.rho", new double[0]);
        double[] s = state.getOrDefault("lbfgs.steps", new double[0]);
        double[] y = state.getOrDefault("lbfgs.gradient_changes", new double[0]);
        for (String key : state.keySet()) {
            if (!List.of("lbfgs.counts", "lbfgs.scalars", "lbfgs.direction", "lbfgs.previous_gradient", "lbfgs.rho",
                    "lbfgs.steps", "lbfgs.gradient_changes").contains(key)) {
                throw new IllegalArgumentException("L-BFGS keeps no '" + key + "' in its state");
            }
        }
        if (state.isEmpty()) {
            clear();
            return;
        }
        if (counts == null || counts.length != 2 || !(counts[0] >= 1 && counts[0] <= Integer.MAX_VALUE)
                || !(counts[1] >= 0 && counts[1] <= Integer.MAX_VALUE) || counts[0] != Math.rint(counts[0])
                || counts[1] != Math.rint(counts[1]) || scalars == null || scalars.length != 3 || d == null
                || d.length != n || previous == null || previous.length != n || rhos.length > historySize
                || s.length != rhos.length * (long) n || y.length != s.length) {
            throw new IllegalArgumentException("The saved L-BFGS state does not fit " + n + " parameters and a"
                    + " history of " + historySize + " pairs");
        }
        clear();
        iterations = (int) counts[0];
        evaluations = (int) counts[1];
        stepLength = scalars[0];
        hessianScale = scalars[1];
        previousLoss = scalars[2];
        direction = d.clone();
        previousGradient = previous.clone();
        for (int j = 0; j < rhos.length; j++) {
            steps.add(Arrays.copyOfRange(s, j * n, (j + 1) * n));
            gradientChanges.add(Arrays.copyOfRange(y, j * n, (j + 1) * n));
            rho.add(rhos[j]);
        }
    }

    private void clear() {
        steps.clear();
        gradientChanges.clear();
        rho.clear();
        direction = null;
        previousGradient = null;
        stepLength = 0;
        hessianScale = 1;
        previousLoss = 0;
        iterations = 0;
        evaluations = 0;
    }

    private static double[] concatenate(List<double[]> vectors) {
        int n = vectors.get(0).length;
        double[] out = new double[vectors.size() * n];
        for (int j = 0; j < vectors.size(); j++) {
            System.arraycopy(vectors.get(j), 0, out, j * n, n);
        }
        return out;
    }
}
