package org.nn4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nn4j.nn.Dense;
import org.nn4j.nn.LayerTrace;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The network as a graph: one column of nodes per layer (inputs on the left), one edge per weight, blue for
 * positive and orange for negative, as thick as its size relative to the largest weight. Layers wider than
 * {@value #MAX_NODES} units show their first {@value #MAX_NODES} and say so. Inputs and outputs carry the model's
 * column and class names when it knows them. Given rows of inputs, hidden units whose output is 0 on every one of
 * them (dead units: they pass nothing on and learn nothing) are drawn hollow and counted; the legend says how many
 * rows were looked at, or that no rows were given.
 */
public final class NetworkGraph {

    static final int MAX_NODES = 24;
    /** Rows beyond this many are thinned evenly before looking for dead units. */
    static final int MAX_SAMPLE_ROWS = 2000;
    /** Longer unit names are cut, so that they leave room for the graph. */
    private static final int MAX_NAME = 18;
    private static final Font NAME_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private NetworkGraph() {
    }

    /** The graph without unit names and without looking for dead units. */
    public static JFreeChart chart(Network network) {
        return chart(network, UnitNames.NONE, null);
    }

    /**
     * @param names names for the input and output units ({@link UnitNames#NONE} for none)
     * @param sample rows of network inputs (as the network takes them: encoded and standardised) in which to look
     *     for dead units; null when no data is at hand
     */
    public static JFreeChart chart(Network network, UnitNames names, Matrix sample) {
        int columns = network.layers().size() + 1;
        int[] sizes = new int[columns];
        sizes[0] = Math.min(network.inputs(), MAX_NODES);
        double largest = 1e-12;
        for (int l = 0; l < network.layers().size(); l++) {
            sizes[l + 1] = Math.min(network.layers().get(l).units(), MAX_NODES);
            largest = Math.max(largest, network.layers().get(l).weight().value().maxAbs());
        }
        Matrix rows = sample == null ? null : thin(sample);
        boolean[][] dead = rows == null ? new boolean[columns][0] : deadUnits(network, rows);

        XYSeries alive = new XYSeries(rows == null ? "unit (no data rows given: dead units not looked for)" : "unit",
                false);
        int deadCount = 0;
        for (boolean[] layer : dead) {
            for (boolean d : layer) {
                deadCount += d ? 1 : 0;
            }
        }
        XYSeries hollow = new XYSeries("dead unit (output 0 on all " + (rows == null ? 0 : rows.rows())
                + " rows looked at): " + deadCount, false);
        for (int c = 0; c < columns; c++) {
            for (int u = 0; u < sizes[c]; u++) {
                boolean isDead = c < dead.length && u < dead[c].length && dead[c][u];
                (isDead ? hollow : alive).add(c, y(u, sizes[c]));
            }
        }
        XYSeriesCollection nodes = new XYSeriesCollection();
        nodes.addSeries(alive);
        if (rows != null) {
            nodes.addSeries(hollow);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setUseFillPaint(true);
        renderer.setUseOutlinePaint(true);
        renderer.setDrawOutlines(true);
        for (int s = 0; s < nodes.getSeriesCount(); s++) {
            boolean isDead = s == 1;
            renderer.setSeriesShape(s, new Ellipse2D.Double(-7, -7, 14, 14));
            renderer.setSeriesPaint(s, isDead ? Palette.DEAD : Color.DARK_GRAY);
            renderer.setSeriesFillPaint(s, isDead ? Color.WHITE : Color.DARK_GRAY);
            renderer.setSeriesOutlinePaint(s, isDead ? Palette.DEAD : Color.DARK_GRAY);
            renderer.setSeriesOutlineStroke(s, new BasicStroke(isDead ? 3f : 1f));
        }
        boolean namedInputs = !names.inputs().isEmpty();
        boolean namedOutputs = !names.outputs().isEmpty();
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        x.setRange(namedInputs ? -0.75 : -0.3, columns - (namedOutputs ? 0.25 : 0.7));
        y.setRange(-0.12, 1.1);
        x.setVisible(false);
        y.setVisible(false);
        XYPlot plot = new XYPlot(nodes, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        for (int l = 0; l < network.layers().size(); l++) {
            Dense layer = network.layers().get(l);
            Matrix w = layer.weight().value();
            for (int in = 0; in < sizes[l]; in++) {
                for (int out = 0; out < sizes[l + 1]; out++) {
                    double v = w.get(in, out);
                    float width = (float) (0.5 + 5.5 * Math.abs(v) / largest);
                    Color colour = v >= 0 ? Palette.POSITIVE : Palette.NEGATIVE;
                    // Beneath the units, so that a unit's fill (hollow when dead) stays visible.
                    renderer.addAnnotation(new XYLineAnnotation(l, y(in, sizes[l]), l + 1, y(out, sizes[l + 1]),
                            new BasicStroke(width), colour), Layer.BACKGROUND);
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            int units = c == 0 ? network.inputs() : network.layers().get(c - 1).units();
            String label = c == 0 ? "inputs (" + units + ")"
                    : network.layers().get(c - 1).activation().name() + " (" + units + ")";
            int deadHere = count(dead[c]);
            if (deadHere > 0) {
                label += ", " + deadHere + " dead";
            }
            plot.addAnnotation(new XYTextAnnotation(label, c, 1.06), false);
            if (units > sizes[c]) {
                plot.addAnnotation(new XYTextAnnotation("showing " + sizes[c] + " of " + units + " units", c, -0.07),
                        false);
            }
        }
        nameUnits(plot, names.inputs(), 0, sizes[0], -0.08, TextAnchor.CENTER_RIGHT);
        nameUnits(plot, names.outputs(), columns - 1, sizes[columns - 1], columns - 1 + 0.08, TextAnchor.CENTER_LEFT);
        JFreeChart chart = new JFreeChart("Network " + network.sizes() + ": blue weights positive, orange negative",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * For each column of the graph (inputs first), which units answer exactly 0 to every row of {@code inputs}.
     * Inputs and the output layer are never dead: only hidden units are looked at.
     */
    static boolean[][] deadUnits(Network network, Matrix inputs) {
        if (inputs.cols() != network.inputs()) {
            throw new IllegalArgumentException("The network " + network.sizes() + " takes " + network.inputs()
                    + " inputs, but the rows to look for dead units in have " + inputs.cols());
        }
        List<LayerTrace> traces = network.trace(inputs.precision() == network.precision() ? inputs
                : inputs.toPrecision(network.precision()));
        boolean[][] dead = new boolean[traces.size() + 1][];
        dead[0] = new boolean[network.inputs()];
        for (int l = 0; l < traces.size(); l++) {
            Matrix a = traces.get(l).a();
            dead[l + 1] = new boolean[a.cols()];
            if (l == traces.size() - 1 || a.rows() == 0) {
                continue;
            }
            for (int u = 0; u < a.cols(); u++) {
                boolean zero = true;
                for (int r = 0; r < a.rows() && zero; r++) {
                    zero = a.get(r, u) == 0.0;
                }
                dead[l + 1][u] = zero;
            }
        }
        return dead;
    }

    /** At most {@value #MAX_SAMPLE_ROWS} rows of {@code sample}, evenly spread over it. */
    private static Matrix thin(Matrix sample) {
        if (sample.rows() <= MAX_SAMPLE_ROWS) {
            return sample;
        }
        Matrix thinned = Matrix.zeros(MAX_SAMPLE_ROWS, sample.cols());
        for (int r = 0; r < MAX_SAMPLE_ROWS; r++) {
            int from = (int) ((long) r * sample.rows() / MAX_SAMPLE_ROWS);
            for (int c = 0; c < sample.cols(); c++) {
                thinned.set(r, c, sample.get(from, c));
            }
        }
        return thinned;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static void nameUnits(XYPlot plot, List<String> names, int column, int shown, double x,
            TextAnchor anchor) {
        for (int u = 0; u < Math.min(shown, names.size()); u++) {
            String name = names.get(u);
            XYTextAnnotation label = new XYTextAnnotation(name.length() > MAX_NAME
                    ? name.substring(0, MAX_NAME - 1) + "…" : name, x, y(u, shown));
            label.setFont(NAME_FONT);
            label.setTextAnchor(anchor);
            plot.addAnnotation(label, false);
        }
    }

    /** Node u of a column of n, spread over [0, 1] and centred. */
    static double y(int u, int n) {
        return n == 1 ? 0.5 : 1.0 - (double) u / (n - 1);
    }
}
