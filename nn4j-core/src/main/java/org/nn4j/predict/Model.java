package org.nn4j.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * A trained model, ready to answer: the way to use nn4j from a Java program. Loading and predicting take two
 * lines:
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("iris.nn4j"));
 * Prediction p = model.answer(5.1, 3.5, 1.4, 0.2);   // e.g. "setosa (probability 0.9981)"
 * }</pre>
 *
 * <p>A model trained on a table ({@code nn4j train --data …}) takes raw feature values, in the order of
 * {@link #inputNames()}, and applies the standardisation saved with it; a missing value (NaN among numbers, null
 * or a missing-value spelling such as {@code NA} by column name) is filled as in training. A model of plain
 * numbers (such as {@code nn4j xor}) takes the network's inputs as they are. Regression answers come back in the
 * label's units.
 *
 * <p>A model is immutable, and every method may be called from any number of threads at once: it keeps its own
 * copy of the weights, and each call works in its own memory.
 */
public final class Model {

    private final Network network;
    private final Preprocessing preprocessing;
    private final Map<String, String> training;

    private Model(Network network, Preprocessing preprocessing, Map<String, String> training) {
        if (preprocessing != null && (preprocessing.inputs() != network.inputs()
                || preprocessing.outputs() != network.outputs())) {
            throw new IllegalArgumentException("The preprocessing gives " + preprocessing.inputs() + " inputs and "
                    + preprocessing.outputs() + " outputs, but the network is " + network.sizes());
        }
        this.network = network.copy();
        this.preprocessing = preprocessing;
        this.training = Map.copyOf(training);
    }

    /** Reads a model file saved by nn4j (the CLI's {@code --save}, or {@link ModelFile#write}). */
    public static Model load(Path file) throws IOException {
        return of(ModelFile.read(file));
    }

    /** A model from a saved model, with its preprocessing if it has one. */
    public static Model of(SavedModel saved) {
        return new Model(saved.network(), saved.preprocessing(), saved.training());
    }

    /** A model of a network that takes its inputs as they are. The weights are copied: later training is not seen. */
    public static Model of(Network network) {
        return new Model(network, null, Map.of());
    }

    /**
     * How many values {@link #predict(double...)} takes: one per feature column for a model trained on a table,
     * otherwise the network's inputs.
     */
    public int inputs() {
        return preprocessing != null ? preprocessing.features().size() : network.inputs();
    }

    /** The names of the inputs, in order: the feature columns, or {@code x1, x2, …} for a plain network. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        if (preprocessing != null) {
            for (FeatureColumn f : preprocessing.features()) {
                names.add(f.name());
            }
        } else {
            for (int i = 1; i <= network.inputs(); i++) {
                names.add("x" + i);
            }
        }
        return names;
    }

    /** The number of values each prediction gives. */
    public int outputs() {
        return network.outputs();
    }

    /** The task the model was trained for, when it was trained on a table. */
    public Optional<Task> task() {
        return preprocessing != null ? Optional.of(preprocessing.task()) : Optional.empty();
    }

    /** The class names in output order, for a classifier trained on a table; empty otherwise. */
    public List<String> classes() {
        return preprocessing != null ? preprocessing.label().classes() : List.of();
    }

    /** The training record saved with the model (optimizer, epochs, data, test metrics…). */
    public Map<String, String> training() {
        return training;
    }

    /** A copy of the network, architecture and weights, e.g. to fine-tune it. */
    public Network network() {
        return network.copy();
    }

    /** The outputs for one sample: class probabilities, a value in the label's units, or the raw outputs. */
    public double[] predict(double... features) {
        Objects.requireNonNull(features, "features");
        return predict(new double[][] {features})[0];
    }

    /** The outputs for many samples at once, one row per sample (faster than one call per sample). */
    public double[][] predict(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        return outputs(encode(rows));
    }

    /** The answer for one sample given as numbers: the class with its probability, or the value. */
    public Prediction answer(double... features) {
        Objects.requireNonNull(features, "features");
        return answerFor(predict(features));
    }

    /**
     * The answer for one sample given by column name, for a model trained on a table; the values may be numbers
     * or text (categories, or numbers written as text). The label column may be there or not.
     */
    public Prediction answer(Map<String, ?> row) {
        Objects.requireNonNull(row, "row");
        if (preprocessing == null) {
            throw new IllegalStateException("This model was not trained on a table, so its inputs have no names;"
                    + " pass the " + network.inputs() + " numbers to answer(double...)");
        }
        List<String> columns = new ArrayList<>(row.keySet());
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            Object value = row.get(columns.get(i));
            cells[i] = value == null ? "" : value.toString();
        }
        Table table = Table.of("the row", columns, List.<String[]>of(cells));
        return answerFor(outputs(preprocessing.encodeInputs(table, table.allRows()))[0]);
    }

    private Matrix encode(double[][] rows) {
        if (preprocessing != null) {
            return preprocessing.encodeNumbers(rows);
        }
        Matrix inputs = Matrix.zeros(rows.length, network.inputs(), network.precision());
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != network.inputs()) {
                throw new IllegalArgumentException("Row " + (r + 1) + " has " + rows[r].length + " values, but the "
                        + "network " + network.sizes() + " takes " + network.inputs());
            }
            for (int c = 0; c < rows[r].length; c++) {
                inputs.set(r, c, rows[r][c]);
            }
        }
        return inputs;
    }

    private double[][] outputs(Matrix inputs) {
        double[][] out = network.infer(inputs).toRows();
        if (preprocessing != null && preprocessing.task() == Task.REGRESSION) {
            for (double[] row : out) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = preprocessing.label().toLabelUnits(row[i]);
                }
            }
        }
        return out;
    }

    private Prediction answerFor(double[] outputs) {
        if (preprocessing == null || !preprocessing.task().isClassification()) {
            return new Prediction(null, Double.NaN, outputs[0], outputs);
        }
        Task task = preprocessing.task();
        Matrix row = Matrix.row(outputs);
        int k = task.predictedClass(row, 0);
        return new Prediction(preprocessing.label().classes().get(k), task.probability(row, 0, k), outputs[0],
                outputs);
    }

    @Override
    public String toString() {
        return "Model " + network.describe()
                + (preprocessing != null ? ", " + preprocessing.task().description() + " of '"
                        + preprocessing.label().name() + "'" : "");
    }
}
