package org.nn4j.recipe;

import java.util.Locale;
import java.util.Objects;
import org.nn4j.data.Dataset;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * nn4j's one way from a table to a trained model, as a scikit-learn estimator is: the {@link Recipe} in, the fitted
 * network with its preprocessing, training history, diagnoses and test metrics out.
 *
 * <pre>{@code
 * Fitted fitted = new Estimator(Recipe.builder().hidden(32).epochs(100).build())
 *         .fit(Table.readCsv(Path.of("iris.csv")), "species", TrainingListener.NONE);
 * }</pre>
 *
 * {@link #plan} and {@link Plan#finish} split the same work in two, for front ends that show the plan, watch the
 * run or train it elsewhere (on a cluster) in between.
 */
public final class Estimator {

    /** Tables with fewer rows are not split: every row serves for training, validation and test. */
    public static final int TINY_TABLE = 20;

    private final Recipe recipe;

    public Estimator(Recipe recipe) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
    }

    public Recipe recipe() {
        return recipe;
    }

    /**
     * Infers the task (unless the recipe names it), splits the rows (seeded, stratified by class), fits the
     * preprocessing on the training rows and builds the network. The test rows come from {@code testTable} when it
     * is given, else they are held out of {@code table}.
     */
    public Plan plan(Table table, String label, Table testTable) {
        return plan(table, label, testTable, false);
    }

    /**
     * As {@link #plan(Table, String, Table)}; with {@code hashed}, the rows are split by {@link Split#hashed}, as a
     * cluster splits them ({@link ClusterTraining}), instead of stratified, so that one machine trains on the same
     * rows as the cluster.
     */
    public Plan plan(Table table, String label, Table testTable, boolean hashed) {
        int labelIndex = table.requireColumn(label, "label");
        Task task = task(table, labelIndex);
        boolean tiny = table.rowCount() < TINY_TABLE;
        double testFraction = testTable != null ? 0 : recipe.testFraction();
        Split split = tiny ? new Split(table.allRows(), table.allRows(), new int[0])
                : hashed ? Split.hashed(table.rowCount(), testFraction, recipe.validationFraction(), recipe.seed())
                : Split.of(table, labelIndex, testFraction, recipe.validationFraction(), task.isClassification(),
                        recipe.seed());
        Table tested = testTable != null ? testTable : table;
        int[] testRows = testTable != null ? testTable.allRows() : tiny ? split.train() : split.test();
        return plan(table, label, task, tiny, split, tested, testRows);
    }

    /**
     * The plan of one cross-validation fold: the rows {@code trainingPart} of {@code table} split into training and
     * validation rows as {@link #plan} splits a table, and the rows {@code heldOut} as its test rows.
     */
    Plan foldPlan(Table table, String label, Task task, int[] trainingPart, int[] heldOut) {
        boolean tiny = trainingPart.length < TINY_TABLE;
        Split split = tiny ? new Split(trainingPart, trainingPart, new int[0])
                : Split.of(table, table.requireColumn(label, "label"), trainingPart, 0, recipe.validationFraction(),
                        task.isClassification(), recipe.seed());
        return plan(table, label, task, tiny, split, table, heldOut);
    }

    /** The task the recipe names, else the one the label column suggests. */
    Task task(Table table, int labelIndex) {
        return taskInferred() ? Preprocessing.inferTask(table, labelIndex)
                : Task.byName(recipe.task().toLowerCase(Locale.ROOT));
    }

    private boolean taskInferred() {
        return recipe.task().equalsIgnoreCase("auto");
    }

    private Plan plan(Table table, String label, Task task, boolean tiny, Split split, Table tested, int[] testRows) {
        Preprocessing prep = Preprocessing.fit(table, label, task, split.train(), MemoryLimits.ofThisJvm(),
                recipe.inputs());
        Dataset train = prep.encode(table, split.train());
        Dataset validation = split.validation().length > 0 ? prep.encode(table, split.validation()) : null;
        Network network = recipe.network(prep);
        return new Plan(recipe, table, label, taskInferred(), tiny, split, prep, train, validation, tested, testRows,
                network);
    }

    /** The whole recipe on this machine: plan, train (telling {@code listener}), diagnose, test. */
    public Fitted fit(Table table, String label, TrainingListener listener) {
        Plan plan = plan(table, label, null);
        GradientNorms norms = new GradientNorms();
        FitResult result = plan.loop().build().fit(plan.network(), plan.train(), plan.validation(),
                listener.andThen(norms));
        return plan.finish(result, norms);
    }
}
