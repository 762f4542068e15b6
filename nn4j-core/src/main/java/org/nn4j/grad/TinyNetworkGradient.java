package org.nn4j.grad;

import java.util.List;
import java.util.Objects;
import org.nn4j.nn.BinaryCrossEntropy;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Network;
import org.nn4j.nn.Relu;
import org.nn4j.nn.Sigmoid;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * {@link NumericalGradient}'s estimate for the tutorial's kind of network, computed with scalars and a few fixed
 * arrays instead of matrices: one hidden layer of ReLU units, one sigmoid output, binary cross-entropy, float64, no
 * dropout. For the tutorial's 2-2-1 network on XOR's four rows, an epoch's ten forward passes are a few hundred
 * floating-point operations, and going through matrices costs more than the arithmetic. Any other network or loss
 * goes to the general engine it wraps.
 *
 * <p>It gives the same bits as {@link NumericalGradient}: each sum is taken in the order the matrix kernels take it
 * ({@code z = 0 + x₀·w₀ + x₁·w₁ + … + b}), and the activations and the loss are the same formulas as
 * {@link Relu}, {@link Sigmoid} and {@link BinaryCrossEntropy}. It also skips what the matrix path recomputes for
 * nothing: a row's loss term depends on the weights only through that row's output pre-activation z₂, so where a
 * nudge leaves z₂ (or, for a hidden weight, the unit's output) the same bit for bit — an input that is 0 in that row,
 * a unit that stays at 0 — the term already computed is reused. The exponential and the logarithm are most of the
 * cost, so every z₂ that needs a term is found first and the terms are then computed in two short loops (the
 * sigmoids, then the logarithms), where the processor overlaps one term's call with the next one's.
 *
 * <p>Forward differences on the tutorial's own 2-2-1 shape go through {@link TwoTwoOneEstimates}, straight-line code
 * with the same bits and about 1.7 times as fast as the loops here at the tutorial's trained weights.
 *
 * <p>A network is tiny while rows × (1 + nudges) stays within {@value #MAX_EVALUATED_ROWS}; larger ones go to the
 * general engine too.
 *
 * <p>The workspaces belong to the instance, so, like a network, one instance serves one thread.
 */
public final class TinyNetworkGradient implements GradientEngine {

    /**
     * Rows times evaluations (one per nudge, and one at the unchanged weights) beyond which a network is no longer
     * tiny: its workspaces would grow with both, and the matrix kernels pay their way on larger products anyway.
     */
    static final long MAX_EVALUATED_ROWS = 1 << 16;

    private final NumericalGradient general;
    private final boolean central;
    private final double epsilon;

    /** The network and loss {@link #fits} was asked about; its answer holds as long as they are the same objects. */
    private Network checked;
    private Loss checkedLoss;
    private boolean fits;

    private int inputs;
    private int hidden;
    private int rows;
    /** Copies of the weights, laid out as the network's matrices: w1[p·hidden + j] is input p's weight to unit j. */
    private double[] w1 = new double[0];
    private double[] b1 = new double[0];
    private double[] w2 = new double[0];
    private double b2;
    /** The batch: x[r·inputs + p], y[r]. */
    private double[] x = new double[0];
    private double[] y = new double[0];
    /** At the unchanged weights: the hidden outputs a1[r·hidden + j] and each row's z₂. */
    private double[] a1 = new double[0];
    private double[] z2 = new double[0];
    /**
     * The loss terms to compute: their z₂ and row. Evaluation e's row r takes term slot[e·rows + r]; the first
     * {@code rows} terms are the unchanged weights'.
     */
    private double[] pendingZ = new double[0];
    private int[] pendingRow = new int[0];
    private double[] pendingTerm = new double[0];
    private int[] slot = new int[0];
    private int pending;
    /** The evaluation whose rows are being placed or summed: 0 for the unchanged weights, then one per nudge. */
    private int evaluation;
    private Matrix outputs;
    private boolean outputsValid;
    /** The 2-2-1 network's estimates and outputs ({@link TwoTwoOneEstimates}). */
    private final TwoTwoOneEstimates twoTwoOne = new TwoTwoOneEstimates();
    private final double[] estimates = new double[TwoTwoOneEstimates.COUNT];
    private double[] predictions = new double[0];

    /** Computes {@code general}'s estimate, by scalars where the network allows it. */
    public TinyNetworkGradient(NumericalGradient general) {
        this.general = Objects.requireNonNull(general, "general");
        this.central = general.scheme() == NumericalGradient.Scheme.CENTRAL;
        this.epsilon = general.epsilon();
    }

    /**
     * True when {@code network} and {@code loss} are the kind this class computes by scalars: 2 layers, ReLU then
     * one sigmoid unit, float64, no dropout, binary cross-entropy.
     */
    public static boolean fits(Network network, Loss loss) {
        List<Dense> layers = network.layers();
        return layers.size() == 2 && network.precision() == Precision.FLOAT64 && !network.hasDropout()
                && layers.get(0).activation() instanceof Relu && layers.get(1).activation() instanceof Sigmoid
                && layers.get(1).units() == 1 && loss instanceof BinaryCrossEntropy;
    }

    @Override
    public String name() {
        return general.name();
    }

    /**
     * Whether this engine computes {@code network} under {@code loss} over {@code rows} rows by scalars: it
     * {@link #fits} and is tiny (see the class comment). Otherwise {@link #computeGradients} goes to the general
     * engine.
     */
    public boolean computesByScalars(Network network, Loss loss, int rows) {
        if (network != checked || loss != checkedLoss) {
            checked = network;
            checkedLoss = loss;
            fits = fits(network, loss);
        }
        return fits && (long) rows * (1 + 2L * network.parameterCount()) <= MAX_EVALUATED_ROWS;
    }

    /**
     * The mean loss at the network's current weights over {@code batch}, with the bits of {@code network.forward}
     * then {@code loss.value}, by scalars; {@link #lastOutputs} then gives the outputs. The training loop measures
     * the tutorial's loss this way after every reported epoch.
     *
     * @throws IllegalArgumentException unless {@link #computesByScalars} takes the network, loss and batch
     */
    public double lossAt(Network network, Matrix batch, Matrix targets, Loss loss) {
        if (!computesByScalars(network, loss, batch.rows())) {
            throw new IllegalArgumentException("Not a network this engine computes by scalars: " + network.describe()
                    + " under " + loss.name() + " over " + batch.rows() + " rows");
        }
        GradientEngine.requireBatchFits(network, batch, targets);
        load(network, batch, targets);
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < hidden; j++) {
                a1[r * hidden + j] = hiddenOutput(r, j);
            }
            double prediction = sigmoid(outputPreActivation(r));
            outputs.set(r, 0, prediction);
            sum += lossTerm(prediction, y[r]);
        }
        outputsValid = true;
        return -(sum / rows);
    }

    @Override
    public double computeGradients(Network network, Matrix batch, Matrix targets, Loss loss) {
        outputsValid = false;
        if (!computesByScalars(network, loss, batch.rows())) {
            return general.computeGradients(network, batch, targets, loss);
        }
        GradientEngine.requireBatchFits(network, batch, targets);
        load(network, batch, targets);
        List<Dense> layers = network.layers();
        if (inputs == 2 && hidden == 2 && !central) {
            double base = twoTwoOne.estimate(x, y, rows, w1, b1, w2, b2, epsilon, estimates, predictions);
            for (int r = 0; r < rows; r++) {
                outputs.set(r, 0, predictions[r]);
            }
            outputsValid = true;
            int at = 0;
            at = write(layers.get(1).weight().gradient(), at);
            at = write(layers.get(1).bias().gradient(), at);
            at = write(layers.get(0).weight().gradient(), at);
            write(layers.get(0).bias().gradient(), at);
            return base;
        }

        // 1. Each evaluation's z₂ of each row, the unchanged weights' first; a row whose z₂ did not change keeps
        // the term of the unchanged weights. The nudges are in the general engine's order (any order gives the
        // same bits, since each starts from the same weights).
        pending = 0;
        evaluation = 0;
        baseRows();
        for (int j = 0; j < hidden; j++) {
            double original = w2[j];
            w2[j] = original + epsilon;
            outputRows();
            if (central) {
                w2[j] = original - epsilon;
                outputRows();
            }
            w2[j] = original;
        }
        double original = b2;
        b2 = original + epsilon;
        outputRows();
        if (central) {
            b2 = original - epsilon;
            outputRows();
        }
        b2 = original;
        for (int i = 0, n = inputs * hidden; i < n; i++) {
            hiddenRows(w1, i, i % hidden);
        }
        for (int j = 0; j < hidden; j++) {
            hiddenRows(b1, j, j);
        }

        // 2. The terms: every sigmoid, then every logarithm. Short loops whose calls do not wait for each other let
        // the processor overlap one term's exponential (or logarithm) with the next one's; one loop doing both ran
        // the tutorial's epoch about 12% slower.
        for (int k = 0; k < pending; k++) {
            pendingTerm[k] = sigmoid(pendingZ[k]);
        }
        for (int k = 0; k < rows; k++) {
            outputs.set(k, 0, pendingTerm[k]);
        }
        for (int k = 0; k < pending; k++) {
            pendingTerm[k] = lossTerm(pendingTerm[k], y[pendingRow[k]]);
        }
        outputsValid = true;

        // 3. Each evaluation's loss, its terms summed in row order, and the estimates.
        double base = lossOf(0);
        evaluation = 1;
        writeEstimates(layers.get(1).weight().gradient(), base);
        writeEstimates(layers.get(1).bias().gradient(), base);
        writeEstimates(layers.get(0).weight().gradient(), base);
        writeEstimates(layers.get(0).bias().gradient(), base);
        return base;
    }

    /**
     * The outputs of the last {@link #computeGradients} call at the unchanged weights, as {@code network.forward}
     * would give them; null when that call went to the general engine.
     */
    public Matrix lastOutputs() {
        return outputsValid ? outputs : null;
    }

    /** Writes {@code estimates} from {@code at} into {@code gradient}; returns where the next gradient starts. */
    private int write(Matrix gradient, int at) {
        for (int i = 0, n = gradient.size(); i < n; i++) {
            gradient.set(i, estimates[at + i]);
        }
        return at + gradient.size();
    }

    private void writeEstimates(Matrix gradient, double base) {
        for (int i = 0, n = gradient.size(); i < n; i++) {
            double plus = lossOf(evaluation++);
            gradient.set(i, central ? (plus - lossOf(evaluation++)) / (2.0 * epsilon) : (plus - base) / epsilon);
        }
    }

    /** The mean loss of evaluation e, −(Σ terms) / rows, summed in row order as the loss sums them. */
    private double lossOf(int e) {
        double sum = 0.0;
        for (int r = 0, at = e * rows; r < rows; r++) {
            sum += pendingTerm[slot[at + r]];
        }
        return -(sum / rows);
    }

    /** The rows at the unchanged weights: their hidden outputs and z₂, each z₂ waiting for its term. */
    private void baseRows() {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < hidden; j++) {
                a1[r * hidden + j] = hiddenOutput(r, j);
            }
            z2[r] = outputPreActivation(r);
            slot[r] = push(z2[r], r);
        }
        evaluation = 1;
    }

    /** An evaluation after a nudge to an output weight or bias: the hidden outputs are the unchanged weights'. */
    private void outputRows() {
        int at = evaluation++ * rows;
        for (int r = 0; r < rows; r++) {
            slot[at + r] = slotOf(r, outputPreActivation(r));
        }
    }

    /** The evaluations after nudges up (and down) to {@code weights[index]}, which feeds hidden unit {@code unit}. */
    private void hiddenRows(double[] weights, int index, int unit) {
        double original = weights[index];
        weights[index] = original + epsilon;
        hiddenRows(unit);
        if (central) {
            weights[index] = original - epsilon;
            hiddenRows(unit);
        }
        weights[index] = original;
    }

    /** An evaluation after a nudge to a weight or bias of hidden unit {@code unit}: only its outputs change. */
    private void hiddenRows(int unit) {
        int at = evaluation++ * rows;
        for (int r = 0; r < rows; r++) {
            int cell = r * hidden + unit;
            double kept = a1[cell];
            double a = hiddenOutput(r, unit);
            if (Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(kept)) {
                slot[at + r] = r;
            } else {
                a1[cell] = a;
                slot[at + r] = slotOf(r, outputPreActivation(r));
                a1[cell] = kept;
            }
        }
    }

    /** Where row r's term for output pre-activation {@code z} will be: its base term's when z is unchanged. */
    private int slotOf(int r, double z) {
        return Double.doubleToRawLongBits(z) == Double.doubleToRawLongBits(z2[r]) ? r : push(z, r);
    }

    private int push(double z, int row) {
        pendingZ[pending] = z;
        pendingRow[pending] = row;
        return pending++;
    }

    private void load(Network network, Matrix in, Matrix targets) {
        List<Dense> layers = network.layers();
        Dense first = layers.get(0);
        inputs = first.inputs();
        hidden = first.units();
        rows = in.rows();
        // Both sizes, not their product: a 1-2-1 network's W₁ is as large as a 2-1-1 network's.
        if (w1.length != inputs * hidden || b1.length != hidden) {
            w1 = new double[inputs * hidden];
            b1 = new double[hidden];
            w2 = new double[hidden];
        }
        int evaluations = 1 + (central ? 2 : 1) * network.parameterCount();
        if (y.length < rows || a1.length < rows * hidden || x.length < rows * inputs
                || slot.length < rows * evaluations) {
            x = new double[rows * inputs];
            y = new double[rows];
            a1 = new double[rows * hidden];
            z2 = new double[rows];
            slot = new int[rows * evaluations];
            pendingZ = new double[rows * evaluations];
            pendingRow = new int[rows * evaluations];
            pendingTerm = new double[rows * evaluations];
            predictions = new double[rows];
        }
        outputs = Matrix.reuseOrAllocate(outputs, rows, 1);
        copy(first.weight().value(), w1);
        copy(first.bias().value(), b1);
        copy(layers.get(1).weight().value(), w2);
        b2 = layers.get(1).bias().value().get(0);
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < inputs; p++) {
                x[r * inputs + p] = in.get(r, p);
            }
            y[r] = targets.get(r, 0);
        }
    }

    private static void copy(Matrix from, double[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from.get(i);
        }
    }

    /** ReLU(x·W1 + b1) for row r and unit j, summed as the matrix product and the bias add do. */
    private double hiddenOutput(int r, int j) {
        double z = 0.0;
        for (int p = 0, row = r * inputs; p < inputs; p++) {
            z += x[row + p] * w1[p * hidden + j];
        }
        z += b1[j];
        return Math.max(z, 0.0);
    }

    /** a1·W2 + b2 for row r. */
    private double outputPreActivation(int r) {
        double z = 0.0;
        for (int j = 0, row = r * hidden; j < hidden; j++) {
            z += a1[row + j] * w2[j];
        }
        return z + b2;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** One row's term of binary cross-entropy, before the sum is negated and averaged. */
    static double lossTerm(double prediction, double target) {
        double p = Math.min(Math.max(prediction, BinaryCrossEntropy.CLIP), 1.0 - BinaryCrossEntropy.CLIP);
        if (target == 1.0) {
            return Math.log(p);
        } else if (target == 0.0) {
            return Math.log(1.0 - p);
        }
        return target * Math.log(p) + (1.0 - target) * Math.log(1.0 - p);
    }
}
