package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.LogicGates;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.metrics.ConfusionMatrix;
import org.nn4j.nn.Network;
import org.nn4j.plot.ConfusionHeatMap;
import org.nn4j.plot.DecisionBoundary;
import org.nn4j.plot.LearningCurves;
import org.nn4j.plot.NetworkGraph;
import org.nn4j.plot.PictureFile;
import org.nn4j.predict.Model;
import org.nn4j.tensor.Matrix;

/**
 * The pictures of a trained model, written into a folder for {@code train --plot} and {@code nn4j plot}:
 * {@code history} (learning curves), {@code network} (the graph), {@code confusion} (classifiers, when rows with
 * labels are at hand) and {@code boundary} (models with two inputs), each as PNG and SVG.
 */
final class Pictures {

    private final Path folder;
    private final List<Path> written = new ArrayList<>();

    Pictures(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("'" + folder + "' is a file, not a folder for pictures");
        }
        Files.createDirectories(folder);
        this.folder = folder;
    }

    List<Path> written() {
        return written;
    }

    void history(Map<String, List<Double>> history) throws IOException {
        if (history.containsKey("loss")) {
            write("history", LearningCurves.chart(history));
        }
    }

    void network(Network network) throws IOException {
        write("network", NetworkGraph.chart(network));
    }

    void confusion(ConfusionMatrix confusion) throws IOException {
        if (confusion == null) {
            return;
        }
        int[][] counts = confusion.toArray();
        long[][] wide = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            wide[i] = new long[counts[i].length];
            for (int j = 0; j < counts[i].length; j++) {
                wide[i][j] = counts[i][j];
            }
        }
        write("confusion", ConfusionHeatMap.chart(wide, confusion.classes()));
    }

    /**
     * The decision boundary of a classifier with two numeric feature columns, over the given labelled rows; for a
     * plain network with two inputs and no table, over XOR's truth table. Anything else has no boundary to draw.
     */
    void boundary(Network network, Preprocessing prep, Table table, int[] rows) throws IOException {
        if (network.inputs() != 2) {
            return;
        }
        if (prep == null) {
            Matrix xor = LogicGates.xor().inputs();
            Matrix targets = LogicGates.xor().targets();
            int[] classes = new int[xor.rows()];
            for (int r = 0; r < classes.length; r++) {
                classes[r] = targets.get(r, 0) >= 0.5 ? 1 : 0;
            }
            write("boundary", DecisionBoundary.chart(Model.of(network), xor.toRows(), classes, List.of("0", "1"),
                    "a", "b"));
            return;
        }
        if (!prep.task().isClassification() || !prep.allNumeric() || table == null || rows.length == 0) {
            return;
        }
        List<FeatureColumn> features = prep.features();
        int x = table.indexOf(features.get(0).name());
        int y = table.indexOf(features.get(1).name());
        double[][] points = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            points[i] = new double[] {Double.parseDouble(table.cell(rows[i], x)),
                Double.parseDouble(table.cell(rows[i], y))};
        }
        Model model = Model.of(new org.nn4j.io.SavedModel(network, Map.of(), prep, Map.of()));
        write("boundary", DecisionBoundary.chart(model, points, prep.classesOf(table, rows), prep.label().classes(),
                features.get(0).name(), features.get(1).name()));
    }

    private void write(String name, JFreeChart chart) throws IOException {
        for (String extension : List.of(".png", ".svg")) {
            Path file = folder.resolve(name + extension);
            PictureFile.write(chart, file);
            written.add(file);
        }
    }
}
