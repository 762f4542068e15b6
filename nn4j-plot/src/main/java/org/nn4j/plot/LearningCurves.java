package org.nn4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss and metric curves per epoch, from a model's saved history: the losses ({@code loss}, {@code val_loss}) in
 * the upper panel, the other metrics (accuracy, …) in the lower one. Training curves are solid and blue, validation
 * curves dashed and vermillion, so they stay apart in colour, in lightness and in dashes. A green dot and line mark
 * the best epoch (the lowest {@code val_loss}, or {@code loss} without validation rows), a pink line the epoch where
 * early stopping ended the run. The loss axis turns logarithmic when the losses span more than two decades.
 */
public final class LearningCurves {

    private static final Stroke SOLID = new BasicStroke(2f);
    private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);
    private static final Stroke MARKER = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 3f}, 0f);
    private static final Font MARKER_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private LearningCurves() {
    }

    /** The curves of a run that trained every epoch it was given (or diverged). */
    public static JFreeChart chart(Map<String, List<Double>> history) {
        return chart(history, 0);
    }

    /**
     * @param history each metric's value per epoch, the first being epoch 1; {@code lr} is not drawn
     * @param stoppedEarlyAt the epoch at which early stopping ended the run, or 0 when it did not
     */
    public static JFreeChart chart(Map<String, List<Double>> history, int stoppedEarlyAt) {
        if (!history.containsKey("loss")) {
            throw new IllegalArgumentException("The history has no 'loss' series to plot (it has "
                    + String.join(", ", history.keySet()) + ")");
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);

        String bestOf = history.containsKey("val_loss") ? "val_loss" : "loss";
        int best = lowestEpoch(history.get(bestOf));
        XYPlot losses = panel(history, true);
        if (best > 0) {
            double value = history.get(bestOf).get(best - 1);
            XYSeries dot = new XYSeries(String.format(Locale.ROOT, "best: %s %s at epoch %d", bestOf,
                    formatValue(value), best));
            dot.add(best, value);
            XYSeriesCollection data = (XYSeriesCollection) losses.getDataset();
            data.addSeries(dot);
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) losses.getRenderer();
            int s = data.getSeriesCount() - 1;
            renderer.setSeriesLinesVisible(s, false);
            renderer.setSeriesShapesVisible(s, true);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-6, -6, 12, 12));
            renderer.setSeriesPaint(s, Palette.BEST);
            losses.addDomainMarker(epochLine(best, Palette.BEST, "best: epoch " + best, 0, epochs(history)));
        }
        if (stoppedEarlyAt > 0) {
            losses.addDomainMarker(epochLine(stoppedEarlyAt, Palette.STOPPED, "stopped early: epoch "
                    + stoppedEarlyAt, best > 0 ? 16 : 0, epochs(history)));
        }
        plot.add(losses, 3);
        if (history.keySet().stream().anyMatch(LearningCurves::isMetric)) {
            XYPlot metrics = panel(history, false);
            if (best > 0) {
                metrics.addDomainMarker(epochLine(best, Palette.BEST, null, 0, 0));
            }
            if (stoppedEarlyAt > 0) {
                metrics.addDomainMarker(epochLine(stoppedEarlyAt, Palette.STOPPED, null, 0, 0));
            }
            plot.add(metrics, 2);
        }
        JFreeChart chart = new JFreeChart("Training history", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The epoch (from 1) of the lowest finite value, the first of equals; 0 when no value is finite. */
    static int lowestEpoch(List<Double> values) {
        int best = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v) && (best == 0 || v < values.get(best - 1))) {
                best = i + 1;
            }
        }
        return best;
    }

    private static String formatValue(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static boolean isMetric(String key) {
        return !key.equals("lr") && !key.endsWith("loss");
    }

    private static int epochs(Map<String, List<Double>> history) {
        return history.get("loss").size();
    }

    /**
     * A vertical line at {@code epoch}, its label (if any) {@code drop} pixels below the top: left of the line, or
     * right of it in the first third of the {@code epochs}, where the left has no room.
     */
    static ValueMarker epochLine(int epoch, Color colour, String label, int drop, int epochs) {
        ValueMarker marker = new ValueMarker(epoch, colour, MARKER);
        marker.setAlpha(1f);
        if (label != null) {
            marker.setLabel(label);
            marker.setLabelFont(MARKER_FONT);
            marker.setLabelPaint(colour.darker());
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            boolean left = epoch > epochs / 3.0;
            marker.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(left ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
            marker.setLabelOffset(new RectangleInsets(4 + drop, 4, 4, 4));
        }
        return marker;
    }

    private static XYPlot panel(Map<String, List<Double>> history, boolean losses) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Double> plotted = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : history.entrySet()) {
            boolean isLoss = e.getKey().endsWith("loss");
            if (losses != isLoss || e.getKey().equals("lr")) {
                continue;
            }
            XYSeries series = new XYSeries(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                double v = e.getValue().get(i);
                // A diverged epoch's NaN or infinity leaves a gap rather than an axis stretched to nothing.
                if (Double.isFinite(v)) {
                    series.add(i + 1, v);
                    plotted.add(v);
                }
            }
            data.addSeries(series);
            String base = e.getKey().startsWith("val_") ? e.getKey().substring(4) : e.getKey();
            if (!names.contains(base)) {
                names.add(base);
            }
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            boolean validation = ((String) data.getSeriesKey(s)).startsWith("val_");
            renderer.setSeriesPaint(s, validation ? Palette.VALIDATION : Palette.TRAINING);
            renderer.setSeriesStroke(s, validation ? DASHED : SOLID);
        }
        ValueAxis axis;
        if (losses) {
            axis = LossAxis.of("loss", plotted);
        } else {
            NumberAxis metric = new NumberAxis(String.join(", ", names));
            metric.setAutoRangeIncludesZero(true);
            axis = metric;
        }
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
