package org.nn4j.metrics;

import java.util.Arrays;
import java.util.Locale;
import org.nn4j.names.DidYouMean;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Loss;
import org.nn4j.nn.Losses;
import org.nn4j.tensor.Matrix;

/**
 * What a network is trained to do, which fixes its output layer, its loss and how its outputs are read:
 * <ul>
 *   <li>binary classification: one sigmoid output, the probability of the second class, binary cross-entropy;</li>
 *   <li>multi-class classification: one softmax output per class, cross-entropy (fused with the softmax, so its
 *       gradient is {@code p − y} and cannot overflow);</li>
 *   <li>regression: one identity output, mean squared error.</li>
 * </ul>
 */
public enum Task {
    BINARY("binary", "binary classification", Activations.SIGMOID, Losses.BINARY_CROSS_ENTROPY),
    MULTICLASS("multiclass", "multi-class classification", Activations.SOFTMAX, Losses.SOFTMAX_CROSS_ENTROPY),
    REGRESSION("regression", "regression", Activations.IDENTITY, Losses.MEAN_SQUARED_ERROR);

    private final String id;
    private final String description;
    private final Activation outputActivation;
    private final Loss loss;

    Task(String id, String description, Activation outputActivation, Loss loss) {
        this.id = id;
        this.description = description;
        this.outputActivation = outputActivation;
        this.loss = loss;
    }

    /** The name on the command line and in model files: binary, multiclass or regression. */
    public String id() {
        return id;
    }

    /** In words, e.g. {@code multi-class classification}. */
    public String description() {
        return description;
    }

    public Activation outputActivation() {
        return outputActivation;
    }

    public Loss loss() {
        return loss;
    }

    /**
     * The loss with each sample weighted by its class ({@link ClassWeights#weighting}); the plain {@link #loss()}
     * when {@code weights} is null.
     *
     * @throws IllegalArgumentException for regression, which has no classes, or weights of another class count
     */
    public Loss loss(ClassWeights weights) {
        if (weights == null) {
            return loss;
        }
        if (!isClassification()) {
            throw new IllegalArgumentException("Class weights need a classification task, not " + description());
        }
        return weights.weighting(loss);
    }

    public boolean isClassification() {
        return this != REGRESSION;
    }

    /** The number of outputs the network needs: 1, except one per class for multi-class. */
    public int outputs(int classes) {
        return this == MULTICLASS ? classes : 1;
    }

    /** The task for a number of classes: binary for 2, multi-class for more. */
    public static Task forClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("Classification needs at least 2 classes, got " + classes);
        }
        return classes == 2 ? BINARY : MULTICLASS;
    }

    /** The class a row of network outputs stands for (the most probable). */
    public int predictedClass(Matrix outputs, int row) {
        if (this == BINARY) {
            return outputs.get(row, 0) >= 0.5 ? 1 : 0;
        }
        return argMax(outputs, row);
    }

    /** The probability the outputs give to {@code classIndex}. */
    public double probability(Matrix outputs, int row, int classIndex) {
        if (this == BINARY) {
            double p = outputs.get(row, 0);
            return classIndex == 1 ? p : 1.0 - p;
        }
        return outputs.get(row, classIndex);
    }

    /** The class of a target row (0/1 for binary, one-hot for multi-class). */
    public int targetClass(Matrix targets, int row) {
        if (this == BINARY) {
            return targets.get(row, 0) >= 0.5 ? 1 : 0;
        }
        return argMax(targets, row);
    }

    /** Writes the target row for {@code classIndex} into {@code targets}. */
    public void encodeClass(Matrix targets, int row, int classIndex) {
        if (this == BINARY) {
            targets.set(row, 0, classIndex);
        } else {
            for (int c = 0; c < targets.cols(); c++) {
                targets.set(row, c, c == classIndex ? 1.0 : 0.0);
            }
        }
    }

    /** The number of rows whose predicted class is the target class. */
    public int countCorrect(Matrix outputs, Matrix targets) {
        int correct = 0;
        for (int r = 0; r < outputs.rows(); r++) {
            if (predictedClass(outputs, r) == targetClass(targets, r)) {
                correct++;
            }
        }
        return correct;
    }

    /** Parses {@code binary}, {@code multiclass} or {@code regression} (case and dashes ignored). */
    public static Task byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Task task : values()) {
            if (task.id.equals(key)) {
                return task;
            }
        }
        throw new IllegalArgumentException("Unknown task '" + name + "'"
                + DidYouMean.hint(name, Arrays.stream(values()).map(t -> t.id).toList())
                + "; expected binary, multiclass or regression");
    }

    private static int argMax(Matrix m, int row) {
        int best = 0;
        for (int c = 1; c < m.cols(); c++) {
            if (m.get(row, c) > m.get(row, best)) {
                best = c;
            }
        }
        return best;
    }
}
