package org.nn4j.plot;

import java.awt.BasicStroke;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss and metric curves per epoch, from a model's saved history: the losses ({@code loss}, {@code val_loss}) in
 * the upper panel, the other metrics (accuracy, …) in the lower one, training solid and validation dashed.
 */
public final class LearningCurves {

    private LearningCurves() {
    }

    public static JFreeChart chart(Map<String, List<Double>> history) {
        if (!history.containsKey("loss")) {
            throw new IllegalArgumentException("The history has no 'loss' series to plot (it has "
                    + String.join(", ", history.keySet()) + ")");
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
        plot.setGap(12);
        plot.add(panel(history, true), 3);
        if (history.keySet().stream().anyMatch(k -> isMetric(k))) {
            plot.add(panel(history, false), 2);
        }
        JFreeChart chart = new JFreeChart("Training history", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        return chart;
    }

    private static boolean isMetric(String key) {
        return !key.equals("lr") && !key.endsWith("loss");
    }

    private static XYPlot panel(Map<String, List<Double>> history, boolean losses) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<Double>> e : history.entrySet()) {
            boolean isLoss = e.getKey().endsWith("loss");
            if (losses != isLoss || e.getKey().equals("lr")) {
                continue;
            }
            XYSeries series = new XYSeries(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                series.add(i + 1, e.getValue().get(i));
            }
            data.addSeries(series);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String key = (String) data.getSeriesKey(s);
            String base = key.startsWith("val_") ? key.substring(4) : key;
            int colour = losses ? (base.equals("loss") ? 0 : 2) : Math.abs(base.hashCode()) % 4 + 1;
            renderer.setSeriesPaint(s, Palette.classColor(colour));
            renderer.setSeriesStroke(s, key.startsWith("val_")
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
        }
        NumberAxis axis = new NumberAxis(losses ? "loss" : "metric");
        axis.setAutoRangeIncludesZero(!losses);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        return plot;
    }
}
