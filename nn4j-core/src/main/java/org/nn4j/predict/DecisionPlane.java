package org.nn4j.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nn4j.data.MissingValues;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.StratifiedSample;
import org.nn4j.data.Table;
import org.nn4j.nn.Network;

/**
 * The plane of a classifier with two numeric feature columns, in the columns' own units: the bounds of the rows
 * with a margin of a tenth on each side, the rows as points {@code [x, y, class]}, and a function from raw points to
 * the network's outputs. Pictures draw the decision boundary from it and the dashboard its live view.
 *
 * @param predict raw {@code [x, y]} points to output rows, with the network's weights at the time of the call
 */
public record DecisionPlane(double x0, double x1, double y0, double y1, UnaryOperator<double[][]> predict,
        List<double[]> points) {

    public DecisionPlane {
        points = List.copyOf(points);
    }

    /**
     * At most {@code max} of the points, drawn per class ({@link StratifiedSample}): what a picture can show
     * without hiding a class, whatever the order of the rows. The same seed gives the same points.
     */
    public List<double[]> sample(int max, long seed) {
        int[] classes = new int[points.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) points.get(i)[2];
        }
        List<double[]> sample = new ArrayList<>();
        for (int i : StratifiedSample.of(classes, max, seed)) {
            sample.add(points.get(i));
        }
        return sample;
    }

    /**
     * The plane over {@code rows} of {@code table}; null when the model is not a classifier of two numeric columns
     * (or there are no rows).
     */
    public static DecisionPlane of(Network network, Preprocessing prep, Table table, int[] rows) {
        if (network.inputs() != 2 || prep == null || !prep.allNumeric() || prep.features().size() != 2
                || !prep.task().isClassification() || rows.length == 0) {
            return null;
        }
        int x = table.indexOf(prep.features().get(0).name());
        int y = table.indexOf(prep.features().get(1).name());
        int[] classes = prep.classesOf(table, rows);
        List<double[]> points = new ArrayList<>();
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < rows.length; i++) {
            if (MissingValues.isMissing(table.cell(rows[i], x)) || MissingValues.isMissing(table.cell(rows[i], y))) {
                continue; // a point needs both coordinates
            }
            double px = Double.parseDouble(table.cell(rows[i], x));
            double py = Double.parseDouble(table.cell(rows[i], y));
            points.add(new double[] {px, py, classes[i]});
            b[0] = Math.min(b[0], px);
            b[1] = Math.max(b[1], px);
            b[2] = Math.min(b[2], py);
            b[3] = Math.max(b[3], py);
        }
        if (points.isEmpty()) {
            return null;
        }
        double mx = 0.1 * Math.max(b[1] - b[0], 1e-9);
        double my = 0.1 * Math.max(b[3] - b[2], 1e-9);
        return new DecisionPlane(b[0] - mx, b[1] + mx, b[2] - my, b[3] + my,
                raw -> network.infer(prep.encodeNumbers(raw)).toRows(), points);
    }
}
