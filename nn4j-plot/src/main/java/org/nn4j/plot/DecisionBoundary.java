package org.nn4j.plot;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.annotations.XYDataImageAnnotation;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nn4j.predict.Model;

/**
 * What a model with two inputs answers over the plane, with the data points on top. The background is a grid of
 * {@value #GRID}×{@value #GRID} cells drawn as one raster image, which an SVG embeds as a small PNG while the points
 * and axes stay vectors. Each cell is painted, for one output (a binary classifier, or XOR), from the first class's
 * colour through white at 0.5 to the second's; for several, the most probable class's colour, paler where the model
 * is less sure. Points are drawn in their true class's colour.
 */
public final class DecisionBoundary {

    /** Cells per side of the painted grid. */
    static final int GRID = 160;

    private DecisionBoundary() {
    }

    /**
     * @param model a model taking 2 inputs (raw values: a table model's standardisation is applied)
     * @param points the data points, one {x, y} row each
     * @param classes each point's class index (0 for the first class)
     * @param classNames names for the legend; for a one-output model, the two classes
     */
    public static JFreeChart chart(Model model, double[][] points, int[] classes, List<String> classNames,
            String xLabel, String yLabel) {
        if (model.inputs() != 2) {
            throw new IllegalArgumentException("A decision boundary needs a model with 2 inputs, this one takes "
                    + model.inputs());
        }
        double[] range = bounds(points);
        double dx = (range[1] - range[0]) / GRID;
        double dy = (range[3] - range[2]) / GRID;
        double[][] cells = new double[GRID * GRID][];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                cells[i * GRID + j] = new double[] {range[0] + (i + 0.5) * dx, range[2] + (j + 0.5) * dy};
            }
        }
        double[][] outputs = model.predict(cells);
        boolean binary = model.outputs() == 1;
        PaintScale scale = binary ? new BinaryScale() : new ClassScale(model.outputs());
        // One pixel per cell, drawn as one picture: an SVG then holds a small PNG, not a rectangle per cell.
        BufferedImage raster = new BufferedImage(GRID, GRID, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                double[] out = outputs[i * GRID + j];
                Color colour = (Color) scale.getPaint(binary ? out[0] : encodeClassAndConfidence(out));
                raster.setRGB(i, GRID - 1 - j, colour.getRGB());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        int classCount = binary ? 2 : model.outputs();
        for (int k = 0; k < classCount; k++) {
            data.addSeries(new XYSeries(k < classNames.size() ? classNames.get(k) : "class " + k, false));
        }
        for (int p = 0; p < points.length; p++) {
            data.getSeries(Math.min(classes[p], classCount - 1)).add(points[p][0], points[p][1]);
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int k = 0; k < classCount; k++) {
            dots.setSeriesPaint(k, Palette.classColor(k).darker());
            dots.setSeriesShape(k, new Ellipse2D.Double(-4, -4, 8, 8));
            dots.setSeriesOutlinePaint(k, Color.WHITE);
        }
        dots.setUseOutlinePaint(true);
        dots.setDrawOutlines(true);

        NumberAxis xAxis = new NumberAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        xAxis.setRange(range[0], range[1]);
        yAxis.setRange(range[2], range[3]);
        dots.addAnnotation(new XYDataImageAnnotation(raster, range[0], range[2], range[1] - range[0],
                range[3] - range[2]), Layer.BACKGROUND);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, dots);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("Decision boundary", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The points' extent with a margin of a tenth on each side (and at least 1 wide). */
    static double[] bounds(double[][] points) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double[] p : points) {
            r[0] = Math.min(r[0], p[0]);
            r[1] = Math.max(r[1], p[0]);
            r[2] = Math.min(r[2], p[1]);
            r[3] = Math.max(r[3], p[1]);
        }
        for (int axis = 0; axis < 2; axis++) {
            double span = Math.max(r[2 * axis + 1] - r[2 * axis], 1.0);
            r[2 * axis] -= 0.1 * span;
            r[2 * axis + 1] += 0.1 * span;
        }
        return r;
    }

    /** The most probable class in the whole part, its probability in the fraction (below 1). */
    private static double encodeClassAndConfidence(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best + Math.min(probabilities[best], 0.999);
    }

    /** Probability of the second class: first class's colour at 0, white at 0.5, the second's at 1. */
    private static final class BinaryScale implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0.5 : Math.max(0, Math.min(1, value));
            return v < 0.5 ? Palette.tint(Palette.classColor(0), 0.15 + 0.55 * (0.5 - v) * 2)
                    : Palette.tint(Palette.classColor(1), 0.15 + 0.55 * (v - 0.5) * 2);
        }
    }

    /** Class index plus confidence: the class's colour, paler where the model is less sure. */
    private static final class ClassScale implements PaintScale {
        private final int classes;

        ClassScale(int classes) {
            this.classes = classes;
        }

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return classes;
        }

        @Override
        public Paint getPaint(double value) {
            int k = (int) Math.floor(value);
            double confidence = value - k;
            double chance = 1.0 / classes;
            return Palette.tint(Palette.classColor(k), 0.15 + 0.55 * Math.max(0, (confidence - chance)
                    / (1 - chance)));
        }
    }
}
