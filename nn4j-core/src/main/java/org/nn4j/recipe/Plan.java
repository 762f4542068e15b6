package org.nn4j.recipe;

import java.util.List;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.doctor.RunSettings;
import org.nn4j.doctor.TrainingDoctor;
import org.nn4j.metrics.Evaluation;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Network;
import org.nn4j.optim.Optimizers;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingLoopBuilder;

/**
 * A {@link Recipe} applied to a table, up to the moment training starts: the task, the split into training,
 * validation and test rows, the preprocessing fitted on the training rows, the encoded rows and the new network.
 * Front ends show it, add what they watch to {@link #loop()}, train, and hand the result to {@link #finish}.
 *
 * @param taskInferred true when the task came from the label column rather than the recipe
 * @param tiny true for tables under {@value Estimator#TINY_TABLE} rows, where all rows serve for training,
 *     validation and test alike
 * @param testTable where the test rows come from: the table itself, or a separate test table
 * @param validation the encoded validation rows; null when there are none
 */
public record Plan(Recipe recipe, Table table, String label, boolean taskInferred, boolean tiny, Split split,
        Preprocessing preprocessing, Dataset train, Dataset validation, Table testTable, int[] testRows,
        Network network) {

    /**
     * The training loop's settings, with a new optimizer and the class weights; add hooks, then build. An optimizer
     * that takes full-batch steps (L-BFGS) gets one batch of all training rows.
     */
    public TrainingLoopBuilder loop() {
        TrainingLoopBuilder loop = recipe.loop(preprocessing.task(), validation != null).classWeights(classWeights());
        return recipe.newOptimizer().needsObjective() ? loop.batchSize(train.size()) : loop;
    }

    /**
     * The recipe's class weights for this label and these training rows; null for none.
     *
     * @throws IllegalArgumentException for a regression, or a list with another number of weights than classes
     */
    public ClassWeights classWeights() {
        return recipe.classWeights(preprocessing.label(), preprocessing.task(), train);
    }

    /**
     * What the run ended with: the doctor's findings (from the losses and the gradient norms {@code norms} heard
     * during training, may be null) and the trained network's metrics on the test rows.
     */
    public Fitted finish(FitResult result, GradientNorms norms) {
        List<Diagnosis> diagnoses = TrainingDoctor.examine(network, train.inputs(), result.series("loss"),
                validation != null ? result.series("val_loss") : List.of(),
                norms != null ? norms.perEpoch() : List.of(), result.stopReason().equals(FitResult.DIVERGED),
                doctorsView(recipe));
        return new Fitted(this, result, diagnoses, Evaluation.of(network, preprocessing, testTable, testRows));
    }

    /** What the doctor should know of the recipe, so that it never advises what the run already does. */
    static RunSettings doctorsView(Recipe recipe) {
        double rate = recipe.learningRate() != null ? recipe.learningRate()
                : Optimizers.defaultLearningRate(recipe.optimizer());
        return new RunSettings(recipe.optimizer(), rate, recipe.activation(), recipe.initializer(),
                recipe.patience(), recipe.dropout(), recipe.clipNorm());
    }
}
