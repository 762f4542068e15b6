package org.nn4j.examples;

import java.nio.file.Path;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.ClassificationMetrics;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.train.EarlyStopping;
import org.nn4j.train.FitResult;
import org.nn4j.train.MiniBatchTrainer;
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
        String label = args[1];
        int labelIndex = table.requireColumn(label, "label");
        Task task = Preprocessing.inferTask(table, labelIndex);

        // 70% training, 10% validation (for early stopping), 20% test; stratified by class, seeded.
        Split split = Split.of(table, labelIndex, 0.2, 0.1, true, 7);
        Preprocessing prep = Preprocessing.fit(table, label, task, split.train());
        Dataset train = prep.encode(table, split.train());
        Dataset validation = prep.encode(table, split.validation());

        Network network = Network.builder(prep.inputs())
                .dense(32, Activations.RELU)
                .dense(prep.outputs(), task.outputActivation())
                .build(Initializers.HE, RandomSource.seeded(7));
        MiniBatchTrainer trainer = MiniBatchTrainer.builder(task, new Adam(0.01))
                .batchSize(16).epochs(200).seed(7)
                .earlyStopping(EarlyStopping.on("val_loss", 20))
                .build();
        FitResult result = trainer.fit(network, train, validation, TrainingListener.NONE);
        System.out.printf("Trained %d epochs (%s); best epoch %d%n", result.epochs(), result.stopReason(),
                result.bestEpoch());

        Dataset test = prep.encode(table, split.test());
        ClassificationMetrics metrics = ClassificationMetrics.of(task, network.predict(test.inputs()),
                prep.classesOf(table, split.test()), prep.label().classes());
        System.out.printf("Test accuracy: %.3f on %d rows%n", metrics.accuracy(), metrics.samples());

        Path file = Path.of(args[2]);
        ModelFile.write(new SavedModel(network, Map.of("data", Path.of(args[0]).getFileName().toString()), prep,
                result.toSeries()), file);
        System.out.println("Saved " + file);
    }
}
