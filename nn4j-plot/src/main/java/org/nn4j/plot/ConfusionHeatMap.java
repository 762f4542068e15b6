package org.nn4j.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion matrix as a heat map: true classes down the side (the first at the top), predicted classes along the
 * bottom, each cell as dark as its share of the largest count, with the count written in it.
 */
public final class ConfusionHeatMap {

    private ConfusionHeatMap() {
    }

    /** @param counts {@code counts[true][predicted]} */
    public static JFreeChart chart(long[][] counts, List<String> classes) {
        int k = counts.length;
        long max = 1;
        for (long[] row : counts) {
            for (long c : row) {
                max = Math.max(max, c);
            }
        }
        double[][] xyz = new double[3][k * k];
        int i = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                xyz[0][i] = p;
                xyz[1][i] = k - 1 - t;
                xyz[2][i] = (double) counts[t][p] / max;
                i++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new Shades());
        String[] names = classes.toArray(String[]::new);
        String[] reversed = new String[k];
        for (int c = 0; c < k; c++) {
            reversed[c] = names[k - 1 - c];
        }
        SymbolAxis predicted = new SymbolAxis("predicted class", names);
        SymbolAxis actual = new SymbolAxis("true class", reversed);
        predicted.setGridBandsVisible(false);
        actual.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, 28 - 2 * k));
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                XYTextAnnotation label = new XYTextAnnotation(Long.toString(counts[t][p]), p, k - 1 - t);
                label.setFont(font);
                label.setPaint((double) counts[t][p] / max > 0.5 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(label);
            }
        }
        JFreeChart chart = new JFreeChart("Confusion matrix", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** White for 0, the first class colour at full strength for the largest count. */
    private static final class Shades implements PaintScale {
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
            return Palette.tint(Palette.classColor(0).darker(), Double.isNaN(value) ? 0 : value);
        }
    }
}
