package org.nn4j.recipe;

import java.util.List;
import java.util.Objects;
import org.nn4j.data.Dataset;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.InputSettings;
import org.nn4j.data.Preprocessing;
import org.nn4j.grad.GradientMethod;
import org.nn4j.metrics.Task;
import org.nn4j.names.DidYouMean;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Network;
import org.nn4j.nn.Relu;
import org.nn4j.optim.Lbfgs;
import org.nn4j.optim.LineSearch;
import org.nn4j.optim.Optimizer;
import org.nn4j.optim.Optimizers;
import org.nn4j.optim.Schedules;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;
import org.nn4j.train.EarlyStopping;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingLoopBuilder;

/**
 * How to turn a table into a trained network: the estimator's hyperparameters, as scikit-learn's estimators hold
 * them, and the one place where nn4j's defaults are decided. The command line, the dashboard's playground, the
 * examples and Spark all start from {@link #defaults()} and change what their users ask for; {@link Estimator}
 * carries the recipe out.
 *
 * @param task {@code auto} (inferred from the label column), {@code binary}, {@code multiclass} or
 *     {@code regression}
 * @param hidden the hidden layers' sizes; empty for none
 * @param activation the hidden layers' activation
 * @param init the initialiser; null for the default: He for ReLU and leaky ReLU, else Xavier
 * @param dropout the dropout rate after each hidden layer while training
 * @param precision how weights and batches are stored; null for the gradient method's default (see
 *     {@link #storage()})
 * @param optimizer the optimizer's name
 * @param learningRate the learning rate; null for the optimizer's default
 * @param momentum the momentum of {@code momentum} and {@code nesterov}
 * @param weightDecay the optimizer's weight decay; null for its default
 * @param lbfgsHistory how many pairs L-BFGS keeps to estimate the curvature
 * @param lineSearch how L-BFGS chooses its step lengths
 * @param l2 the L2 penalty (λ/2)·Σ‖W‖² on the weight matrices
 * @param clipNorm the gradients' global norm limit; 0 for none
 * @param schedule the learning-rate schedule, as {@link Schedules#parse} reads it
 * @param batch rows per mini-batch; L-BFGS takes all training rows at once instead
 * @param epochs the most epochs
 * @param patience early stopping's patience in epochs; 0 turns it off
 * @param monitor what early stopping watches; null for {@code val_loss} (or {@code loss} without validation rows)
 * @param method how the gradient is computed
 * @param testFraction the share of rows held out for the test
 * @param validationFraction the share of rows held out for validation
 * @param seed seeds the split, the initial weights, shuffling and dropout
 * @param inputs which columns become inputs and how their gaps are filled
 * @param classWeight how each class counts in the loss: {@code none}, {@code balanced} (scikit-learn's
 *     {@code n / (K · n_c)}, counted on the training rows) or one weight per class in the label's (sorted) class
 *     order, such as {@code 1,19}; null for none
 */
public record Recipe(String task, List<Integer> hidden, String activation, String init, double dropout,
        Precision precision, String optimizer, Double learningRate, double momentum, Double weightDecay,
        int lbfgsHistory, LineSearch lineSearch, double l2, double clipNorm, String schedule, int batch, int epochs,
        int patience, String monitor, GradientMethod method, double testFraction, double validationFraction,
        long seed, InputSettings inputs, String classWeight) {

    /** The gradient-estimate step of the numerical methods. */
    public static final double NUMERICAL_EPSILON = 1e-5;

    /** What early stopping can watch; which of them a run measures depends on its task and validation rows. */
    public static final List<String> MONITORED = List.of("val_loss", "val_accuracy", "loss", "accuracy");

    /** Checks every setting, naming the first that is wrong and what it should be. */
    public Recipe {
        Objects.requireNonNull(task, "task");
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(lineSearch, "lineSearch");
        Objects.requireNonNull(inputs, "inputs");
        classWeight = ClassWeighting.check(classWeight);
        if (!classWeight.equals(ClassWeighting.NONE) && !task.equalsIgnoreCase("auto")
                && Task.byName(task) == Task.REGRESSION) {
            throw new IllegalArgumentException("Class weights need a classification task, not regression; leave out"
                    + " the class weight '" + classWeight + "'");
        }
        if (!task.equalsIgnoreCase("auto")) {
            Task.byName(task);
        }
        for (int size : hidden) {
            if (size < 1) {
                throw new IllegalArgumentException("Hidden layers need 1 or more units each, got " + hidden);
            }
        }
        Activations.byName(activation);
        if (init != null) {
            Initializers.byName(init);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("The dropout rate must be at least 0 and below 1, got " + dropout);
        }
        Optimizers.defaultLearningRate(optimizer);
        if (learningRate != null) {
            Optimizer.requirePositive("learning rate", learningRate);
        }
        // Checked here, not only where the loop and the optimizer are built: that is after the data are read.
        Optimizer.requireFraction("momentum", momentum);
        if (weightDecay != null) {
            Optimizer.requireNonNegative("weight decay", weightDecay);
        }
        Optimizer.requireNonNegative("L2 penalty", l2);
        Optimizer.requireNonNegative("gradient norm limit", clipNorm);
        if (lbfgsHistory < 1) {
            throw new IllegalArgumentException("The L-BFGS history must keep 1 or more pairs, got " + lbfgsHistory);
        }
        if (optimizer.equalsIgnoreCase("lbfgs")) {
            requireFullBatchFits(weightDecay, dropout, clipNorm);
        }
        if (monitor != null && !MONITORED.contains(monitor)) {
            throw new IllegalArgumentException("Early stopping watches one of " + String.join(", ", MONITORED)
                    + ", got '" + monitor + "'" + DidYouMean.hint(monitor, MONITORED));
        }
        if (monitor != null && monitor.endsWith("accuracy") && !task.equalsIgnoreCase("auto")
                && Task.byName(task) == Task.REGRESSION) {
            throw new IllegalArgumentException("Early stopping cannot watch '" + monitor + "' in a regression, which"
                    + " has no accuracy; expected val_loss or loss");
        }
        Schedules.parse(schedule, Math.max(1, epochs));
        // One check per setting, so that the message names the one that is wrong.
        if (batch < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1, got " + batch);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("The number of epochs must be at least 1, got " + epochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("The early-stopping patience must be at least 0 (0 turns it off), got "
                    + patience);
        }
        requireShare("test", testFraction);
        requireShare("validation", validationFraction);
        if (testFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("The test and validation shares together must be below 1 to leave"
                    + " rows to train on, got test " + testFraction + " and validation " + validationFraction);
        }
    }

    /** What L-BFGS cannot do, refused before any data are read, as the training loop would refuse it later. */
    private static void requireFullBatchFits(Double weightDecay, double dropout, double clipNorm) {
        if (weightDecay != null && weightDecay > 0) {
            throw new IllegalArgumentException("lbfgs has no weight decay; use the L2 penalty (--l2) instead");
        }
        if (dropout > 0) {
            throw new IllegalArgumentException("lbfgs compares the loss at trial points, which dropout's random masks"
                    + " make incomparable; leave out the dropout rate " + dropout);
        }
        if (clipNorm > 0) {
            throw new IllegalArgumentException("lbfgs follows the true gradient; leave out the gradient norm limit "
                    + clipNorm);
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("The " + name + " share must be a fraction from 0 to below 1, got "
                    + share);
        }
    }

    /**
     * nn4j's defaults: one hidden layer of 64 ReLU units, Adam at its default rate (L-BFGS, when chosen, keeps 100
     * pairs and takes fixed steps, as PyTorch's does), mini-batches of 32, up to 200
     * epochs with early stopping after 20 without improvement of the validation loss, 20% of the rows for the test
     * and 10% for validation, float32 (see {@link #storage()}), seed 1; every column but the label as input, gaps
     * filled with the median; every class weighing the same.
     */
    public static Recipe defaults() {
        return new Recipe("auto", List.of(64), "relu", null, 0.0, null, "adam", null, 0.9, null, 100,
                LineSearch.NONE, 0.0, 0.0, "constant", 32, 200, 20, null, GradientMethod.BACKPROP, 0.2, 0.1, 1,
                InputSettings.defaults(), ClassWeighting.NONE);
    }

    /** A builder starting from {@link #defaults()}. */
    public static RecipeBuilder builder() {
        return new RecipeBuilder(defaults());
    }

    /** A builder starting from this recipe. */
    public RecipeBuilder toBuilder() {
        return new RecipeBuilder(this);
    }

    /** The initialiser's name: the one given, else He for ReLU and leaky ReLU and Xavier for the rest. */
    public String initializer() {
        if (init != null) {
            return init;
        }
        Activation a = Activations.byName(activation);
        return a instanceof Relu || a instanceof LeakyRelu ? "he" : "xavier";
    }

    /**
     * How the weights and batches are stored: the precision given, else float32 for backpropagation, as PyTorch and
     * Keras compute by default (half the memory, and about twice float64's speed where large products dominate),
     * and float64 for the numerical methods, whose ε = 1e-5 nudges would be lost in float32's rounding of the loss.
     */
    public Precision storage() {
        if (precision != null) {
            return precision;
        }
        return method == GradientMethod.BACKPROP ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** The network for the inputs and outputs {@code prep} gives, its weights drawn from the seed. */
    public Network network(Preprocessing prep) {
        Activation a = Activations.byName(activation);
        Network.Builder builder = Network.builder(prep.inputs()).precision(storage());
        for (int size : hidden) {
            builder.dense(size, a);
            if (dropout > 0) {
                builder.dropout(dropout);
            }
        }
        builder.dense(prep.outputs(), prep.task().outputActivation());
        return builder.build(Initializers.byName(initializer()), RandomSource.seeded(seed));
    }

    /** A new optimizer as the recipe says (each run needs its own: optimizers keep per-parameter state). */
    public Optimizer newOptimizer() {
        if (optimizer.equalsIgnoreCase("lbfgs")) {
            return new Lbfgs(learningRate != null ? learningRate : Optimizers.defaultLearningRate(optimizer),
                    lbfgsHistory, lineSearch);
        }
        return Optimizers.byName(optimizer, learningRate != null ? learningRate : Optimizers.defaultLearningRate(
                optimizer), momentum, weightDecay != null ? weightDecay : -1);
    }

    /**
     * The class weights for a classifier whose label is {@code label}, trained on {@code train}: balanced ones
     * counted on those rows, the recipe's own list, or null for none.
     *
     * @throws IllegalArgumentException for a regression, or a list with another number of weights than classes
     */
    public ClassWeights classWeights(LabelColumn label, Task task, Dataset train) {
        return ClassWeighting.resolve(classWeight, label, task, train);
    }

    /**
     * As {@link #classWeights(LabelColumn, Task, Dataset)}, for training rows held elsewhere, of which
     * {@code classCounts} tells how many each class has.
     */
    public ClassWeights classWeights(LabelColumn label, Task task, long[] classCounts) {
        return ClassWeighting.resolve(classWeight, label, task, () -> {
            int[] counts = new int[classCounts.length];
            for (int c = 0; c < counts.length; c++) {
                counts[c] = Math.toIntExact(classCounts[c]);
            }
            return counts;
        });
    }

    /** What early stopping watches for a run with or without validation rows. */
    public String monitored(boolean hasValidation) {
        return monitor != null ? monitor : hasValidation ? "val_loss" : "loss";
    }

    /**
     * The training loop's settings for {@code task}, with a new optimizer; the caller may add hooks (checkpoints, a
     * stop request) before building it.
     */
    public TrainingLoopBuilder loop(Task task, boolean hasValidation) {
        TrainingLoopBuilder loop = TrainingLoop.builder(task, newOptimizer())
                .engine(method.engine(NUMERICAL_EPSILON)).batchSize(batch).epochs(epochs).seed(seed)
                .schedule(Schedules.parse(schedule, epochs)).clipNorm(clipNorm).l2(l2);
        if (patience > 0) {
            loop.earlyStopping(EarlyStopping.on(monitored(hasValidation), patience));
        }
        return loop;
    }
}
