package org.nn4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learning curves: colours, the best and early-stopping epochs, the loss axis's scale and its tick labels. */
class LearningCurvesTest {

    @TempDir
    Path folder;

    /** A chart drawn into an image, with the loss panel's data area. */
    private record Drawn(JFreeChart chart, BufferedImage image, Rectangle2D lossArea) {

        static Drawn of(JFreeChart chart) {
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage image = PictureFile.render(chart, PictureFile.WIDTH, PictureFile.HEIGHT, info);
            return new Drawn(chart, image, info.getPlotInfo().getSubplotInfo(0).getDataArea());
        }

        CombinedDomainXYPlot plot() {
            return (CombinedDomainXYPlot) chart.getPlot();
        }

        XYPlot losses() {
            return plot().getSubplots().get(0);
        }

        /** Pixels of exactly {@code colour} in the loss panel. */
        int count(Color colour) {
            int n = 0;
            for (int x = (int) lossArea.getMinX(); x < lossArea.getMaxX(); x++) {
                n += countInColumn(x, colour);
            }
            return n;
        }

        /**
         * Pixels of {@code colour} in the loss panel's column of {@code epoch} and the columns either side, faded
         * towards white by smoothing or not: a thin line between two columns lands in both, paler.
         */
        int countAtEpoch(double epoch, Color colour) {
            int x = (int) Math.round(plot().getDomainAxis().valueToJava2D(epoch, lossArea, RectangleEdge.BOTTOM));
            int n = 0;
            for (int column = x - 1; column <= x + 1; column++) {
                for (int y = (int) lossArea.getMinY(); y < lossArea.getMaxY(); y++) {
                    n += isTintOf(new Color(image.getRGB(column, y)), colour) ? 1 : 0;
                }
            }
            return n;
        }

        /** True when {@code c} is {@code colour} mixed with at most 70% white. */
        private static boolean isTintOf(Color c, Color colour) {
            int[] got = {c.getRed() - 255, c.getGreen() - 255, c.getBlue() - 255};
            int[] full = {colour.getRed() - 255, colour.getGreen() - 255, colour.getBlue() - 255};
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                dot += got[i] * full[i];
                norm += full[i] * full[i];
            }
            double strength = dot / norm;
            double off = 0;
            for (int i = 0; i < 3; i++) {
                off += Math.abs(got[i] - strength * full[i]);
            }
            return strength > 0.3 && off < 30;
        }

        private int countInColumn(int x, Color colour) {
            int n = 0;
            for (int y = (int) lossArea.getMinY(); y < lossArea.getMaxY(); y++) {
                n += image.getRGB(x, y) == colour.getRGB() ? 1 : 0;
            }
            return n;
        }

        /** The labels of the loss axis's ticks, as drawn. */
        List<String> lossTickLabels() {
            ValueAxis axis = losses().getRangeAxis();
            Graphics2D g2 = image.createGraphics();
            List<String> labels = new ArrayList<>();
            for (Object tick : axis.refreshTicks(g2, new AxisState(), lossArea, RectangleEdge.LEFT)) {
                String text = tick instanceof LogTick log ? text(log) : ((ValueTick) tick).getText();
                if (text != null && !text.isEmpty()) {
                    labels.add(text);
                }
            }
            g2.dispose();
            return labels;
        }

        private static String text(LogTick tick) {
            if (tick.getAttributedLabel() == null) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            AttributedCharacterIterator it = tick.getAttributedLabel().getIterator();
            for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
                s.append(c);
            }
            return s.toString();
        }
    }

    /** {@code epochs} values falling from {@code first} by the factor {@code ratio} each epoch. */
    private static List<Double> falling(int epochs, double first, double ratio) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            values.add(first * Math.pow(ratio, i));
        }
        return values;
    }

    private static Map<String, List<Double>> history(List<Double> loss, List<Double> validation) {
        Map<String, List<Double>> history = new LinkedHashMap<>();
        history.put("loss", loss);
        history.put("val_loss", validation);
        return history;
    }

    @Test
    void trainingAndValidationCurvesHaveDifferentColours() {
        // Fifty epochs, as in the runs where dashes alone could no longer be told apart.
        Drawn drawn = Drawn.of(LearningCurves.chart(history(falling(50, 1.0, 0.97), falling(50, 1.2, 0.975))));
        assertThat(Palette.TRAINING).isNotEqualTo(Palette.VALIDATION);
        assertThat(drawn.count(Palette.TRAINING)).as("training curve pixels").isGreaterThan(200);
        assertThat(drawn.count(Palette.VALIDATION)).as("validation curve pixels").isGreaterThan(100);
    }

    @Test
    void aMarkerStandsAtTheBestEpochAndTheLegendNamesIt() throws IOException {
        List<Double> validation = new ArrayList<>(falling(20, 1.0, 0.8));
        for (int i = 7; i < 20; i++) {
            validation.set(i, validation.get(6) + 0.02 * (i - 6)); // lowest in epoch 7, rising after
        }
        JFreeChart chart = LearningCurves.chart(history(falling(20, 0.9, 0.8), validation));
        Drawn drawn = Drawn.of(chart);
        assertThat(drawn.countAtEpoch(7, Palette.BEST)).as("the best epoch's column").isGreaterThan(40);
        assertThat(drawn.countAtEpoch(13, Palette.BEST)).as("another epoch's column").isZero();
        Path svg = folder.resolve("history.svg");
        PictureFile.write(chart, svg);
        assertThat(Files.readString(svg)).contains("best: val_loss 0.2621 at epoch 7").contains("best: epoch 7");
    }

    @Test
    void withoutValidationTheBestEpochIsTheLowestTrainingLoss() {
        assertThat(LearningCurves.lowestEpoch(List.of(0.9, 0.5, Double.NaN, 0.4, 0.45))).isEqualTo(4);
        assertThat(LearningCurves.lowestEpoch(List.of(Double.NaN))).isZero();
        Drawn drawn = Drawn.of(LearningCurves.chart(Map.of("loss", List.of(0.9, 0.5, 0.3, 0.4, 0.45))));
        assertThat(drawn.countAtEpoch(3, Palette.BEST)).isGreaterThan(40);
    }

    @Test
    void theEarlyStoppingEpochIsMarkedOnlyWhenTrainingStoppedEarly() throws IOException {
        Map<String, List<Double>> history = history(falling(30, 1.0, 0.9), falling(30, 1.1, 0.95));
        JFreeChart stopped = LearningCurves.chart(history, 24);
        assertThat(Drawn.of(stopped).countAtEpoch(24, Palette.STOPPED)).isGreaterThan(40);
        Path svg = folder.resolve("stopped.svg");
        PictureFile.write(stopped, svg);
        assertThat(Files.readString(svg)).contains("stopped early: epoch 24");
        Drawn completed = Drawn.of(LearningCurves.chart(history));
        assertThat(completed.count(Palette.STOPPED)).isZero();
    }

    @Test
    void theLossAxisIsLogarithmicWhenTheLossesSpanMoreThanTwoDecades() {
        XYPlot sixDecades = Drawn.of(LearningCurves.chart(history(falling(7, 1.0, 0.1), falling(7, 1.0, 0.1))))
                .losses();
        assertThat(sixDecades.getRangeAxis()).isInstanceOf(LogAxis.class);
        assertThat(sixDecades.getRangeAxis().getLabel()).isEqualTo("loss (log scale)");
        XYPlot oneDecade = Drawn.of(LearningCurves.chart(history(falling(10, 1.0, 0.774), falling(10, 1.0, 0.8))))
                .losses();
        assertThat(oneDecade.getRangeAxis()).isInstanceOf(NumberAxis.class);
        assertThat(oneDecade.getRangeAxis().getLabel()).isEqualTo("loss");

        assertThat(LossAxis.needsLogScale(List.of(1.0, 0.011))).isFalse();
        assertThat(LossAxis.needsLogScale(List.of(1.0, 0.009))).isTrue();
        assertThat(LossAxis.needsLogScale(List.of(1.0, 0.0, 1e-6))).as("a zero has no logarithm").isFalse();
        assertThat(LossAxis.needsLogScale(List.of(1.0, Double.NaN, 1e-6))).as("NaN is skipped").isTrue();
    }

    @Test
    void everyTickOfTheLossAxisIsWrittenInOneFormat() {
        // The run the issue quotes: losses from 0.508 down to 5.4e-10.
        List<String> log = Drawn.of(LearningCurves.chart(history(falling(40, 0.508, 0.6), falling(40, 0.6, 0.6))))
                .lossTickLabels();
        assertThat(log).hasSizeGreaterThan(3).allMatch(label -> label.matches("1e-?\\d+"), "a power of ten");

        List<String> linear = Drawn.of(LearningCurves.chart(history(falling(10, 0.508, 0.9), falling(10, 0.6,
                0.9)))).lossTickLabels();
        assertThat(linear).hasSizeGreaterThan(3);
        int decimals = linear.get(0).length() - linear.get(0).indexOf('.');
        assertThat(linear).allMatch(label -> label.matches("\\d+\\.\\d+")
                && label.length() - label.indexOf('.') == decimals, "one number of decimals");
    }

    @Test
    void aMarkerLabelNearTheStartStandsRightOfItsLineWhereThereIsRoom() {
        assertThat(LearningCurves.epochLine(2, Palette.BEST, "best: epoch 2", 0, 30).getLabelTextAnchor())
                .isEqualTo(TextAnchor.TOP_LEFT);
        assertThat(LearningCurves.epochLine(25, Palette.BEST, "best: epoch 25", 0, 30).getLabelTextAnchor())
                .isEqualTo(TextAnchor.TOP_RIGHT);
    }

    @Test
    void theEpochAxisHasWholeEpochs() {
        Drawn drawn = Drawn.of(LearningCurves.chart(history(falling(7, 1.0, 0.9), falling(7, 1.0, 0.9))));
        NumberAxis epochs = (NumberAxis) drawn.plot().getDomainAxis();
        assertThat(epochs.getLabel()).isEqualTo("epoch");
        assertThat(epochs.getTickUnit().getSize()).isGreaterThanOrEqualTo(1.0);
        assertThat(epochs.getTickUnit().getSize() % 1).isZero();
    }
}
