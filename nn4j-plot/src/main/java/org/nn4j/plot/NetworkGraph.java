package org.nn4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/**
 * The network as a graph: one column of nodes per layer (inputs on the left), one edge per weight, blue for
 * positive and orange for negative, as thick as its size relative to the largest weight. Layers wider than
 * {@value #MAX_NODES} units show their first {@value #MAX_NODES}.
 */
public final class NetworkGraph {

    static final int MAX_NODES = 24;

    private NetworkGraph() {
    }

    public static JFreeChart chart(Network network) {
        int columns = network.layers().size() + 1;
        int[] sizes = new int[columns];
        sizes[0] = Math.min(network.inputs(), MAX_NODES);
        double largest = 1e-12;
        for (int l = 0; l < network.layers().size(); l++) {
            sizes[l + 1] = Math.min(network.layers().get(l).units(), MAX_NODES);
            largest = Math.max(largest, network.layers().get(l).weight().value().maxAbs());
        }
        XYSeriesCollection nodes = new XYSeriesCollection();
        XYSeries all = new XYSeries("units", false);
        for (int c = 0; c < columns; c++) {
            for (int u = 0; u < sizes[c]; u++) {
                all.add(c, y(u, sizes[c]));
            }
        }
        nodes.addSeries(all);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-7, -7, 14, 14));
        renderer.setSeriesPaint(0, Color.DARK_GRAY);
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        x.setRange(-0.3, columns - 0.7);
        y.setRange(-0.1, 1.1);
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
                    plot.addAnnotation(new XYLineAnnotation(l, y(in, sizes[l]), l + 1, y(out, sizes[l + 1]),
                            new BasicStroke(width), colour), false);
                }
            }
        }
        for (int c = 0; c < columns; c++) {
            String label = c == 0 ? "inputs (" + network.inputs() + ")"
                    : network.layers().get(c - 1).activation().name() + " (" + network.layers().get(c - 1).units()
                            + ")";
            plot.addAnnotation(new XYTextAnnotation(label, c, 1.06), false);
        }
        JFreeChart chart = new JFreeChart("Network " + network.sizes() + ": blue weights positive, orange negative",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Node u of a column of n, spread over [0, 1] and centred. */
    static double y(int u, int n) {
        return n == 1 ? 0.5 : 1.0 - (double) u / (n - 1);
    }
}
