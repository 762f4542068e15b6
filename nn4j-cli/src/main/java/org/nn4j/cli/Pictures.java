package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.nn4j.data.LogicGates;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.metrics.ConfusionMatrix;
import org.nn4j.nn.Network;
import org.nn4j.predict.DecisionPlane;
import org.nn4j.plot.ConfusionHeatMap;
import org.nn4j.plot.DecisionBoundary;
import org.nn4j.plot.LearningCurves;
import org.nn4j.plot.NetworkGraph;
import org.nn4j.plot.PictureFile;
import org.nn4j.plot.UnitNames;
import org.nn4j.predict.Model;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.FitResult;

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

    /**
     * The learning curves; {@code stopReason} as the run recorded it ({@link FitResult#stopReason}, may be null),
     * so that a run ended by early stopping gets its last epoch marked.
     */
    void history(Map<String, List<Double>> history, String stopReason) throws IOException {
        if (history.containsKey("loss")) {
            // Early stopping ends a run after the last epoch in its history.
            int stoppedEarlyAt = FitResult.EARLY_STOPPING.equals(stopReason) ? history.get("loss").size() : 0;
            write("history", LearningCurves.chart(history, stoppedEarlyAt));
        }
    }

    /**
     * The network graph, its units named by {@code prep} (null for a plain network: an XOR network's inputs are
     * {@code a} and {@code b}), with dead units looked for in {@code inputs} (encoded rows; for an XOR network
     * without them, its truth table; else null, and the picture says so).
     */
    void network(Network network, Preprocessing prep, Matrix inputs) throws IOException {
        UnitNames names = UnitNames.NONE;
        Matrix sample = inputs;
        if (prep != null) {
            names = UnitNames.of(prep);
        } else if (isXor(network)) {
            names = new UnitNames(List.of("a", "b"), List.of("a xor b"));
            sample = sample != null ? sample : LogicGates.xor().inputs();
        }
        write("network", NetworkGraph.chart(network, names, sample));
    }

    /** A plain network with two inputs and one output is drawn as one that learned XOR's truth table. */
    private static boolean isXor(Network network) {
        return network.inputs() == 2 && network.outputs() == 1;
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
        // The same points, classes and columns the live dashboard's boundary view uses.
        DecisionPlane plane = table == null ? null : DecisionPlane.of(network, prep, table, rows);
        if (plane == null) {
            return;
        }
        double[][] points = new double[plane.points().size()][];
        int[] classes = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            double[] p = plane.points().get(i);
            points[i] = new double[] {p[0], p[1]};
            classes[i] = (int) p[2];
        }
        Model model = Model.of(new org.nn4j.io.SavedModel(network, Map.of(), prep, Map.of()));
        write("boundary", DecisionBoundary.chart(model, points, classes, prep.label().classes(),
                prep.features().get(0).name(), prep.features().get(1).name()));
    }

    private void write(String name, JFreeChart chart) throws IOException {
        for (String extension : List.of(".png", ".svg")) {
            Path file = folder.resolve(name + extension);
            PictureFile.write(chart, file);
            written.add(file);
        }
    }
}
