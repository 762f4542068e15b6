package org.nn4j.examples;

import java.nio.file.Path;
import java.util.Map;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;

/**
 * Trains a classifier on a CSV file with a header (e.g. iris.csv with the label column species), reports its test
 * accuracy and saves it with its preprocessing, so that {@code Model.load} and {@code nn4j predict} take raw rows.
 *
 * <pre>java -cp … org.nn4j.examples.TrainFromCsv DATA.csv LABEL_COLUMN MODEL_FILE</pre>
 */
public final class TrainFromCsv {

    private TrainFromCsv() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: TrainFromCsv DATA.csv LABEL_COLUMN MODEL_FILE");
            System.exit(2);
        }
        Table table = Table.readCsv(Path.of(args[0]));

        // The estimator carries out a recipe: 70% training, 10% validation (for early stopping), 20% test, split
        // stratified by class; preprocessing fitted on the training rows; a 32-unit hidden layer; Adam; seeded.
        Recipe recipe = Recipe.builder().hidden(32).learningRate(0.01).batch(16).epochs(200).seed(7).build();
        Fitted fitted = new Estimator(recipe).fit(table, args[1], TrainingListener.NONE);
        FitResult result = fitted.result();
        System.out.printf("Trained %d epochs (%s); best epoch %d%n", result.epochs(), result.stopReason(),
                result.bestEpoch());
        System.out.printf("Test accuracy: %s on %d rows%n%s", fitted.test().summary().get("accuracy"),
                fitted.plan().testRows().length, fitted.test().format());
        fitted.diagnoses().forEach(d -> System.out.println("Doctor: " + d.finding()));

        Path file = Path.of(args[2]);
        ModelFile.write(new SavedModel(fitted.network(), Map.of("data", Path.of(args[0]).getFileName().toString()),
                fitted.plan().preprocessing(), result.toSeries()), file);
        System.out.println("Saved " + file);
    }
}
