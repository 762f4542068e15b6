package org.nn4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.predict.Model;
import org.nn4j.random.SplitMix64;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;

/** Each picture is checked by its pixels at places whose colour is known, not against a golden image. */
class PlotsTest {

    @TempDir
    Path folder;

    /** A rendered chart with the means to find where a data point lands. */
    private record Rendered(BufferedImage image, XYPlot plot, Rectangle2D area) {

        Color at(double x, double y) {
            double px = plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM);
            double py = plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT);
            return new Color(image.getRGB((int) Math.round(px), (int) Math.round(py)));
        }

        Point2D pixel(double x, double y) {
            return new Point2D.Double(plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM),
                    plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT));
        }
    }

    private static Rendered render(JFreeChart chart) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = PictureFile.render(chart, PictureFile.WIDTH, PictureFile.HEIGHT, info);
        return new Rendered(image, chart.getXYPlot(), info.getPlotInfo().getDataArea());
    }

    private static boolean bluish(Color c) {
        return c.getBlue() > c.getRed() + 30;
    }

    private static boolean orangeish(Color c) {
        return c.getRed() > c.getBlue() + 30;
    }

    @Test
    void theXorBoundaryPaintsEachCornerInItsClassColour() throws IOException {
        Network xor = XorTraining.train(XorSettings.defaults(), TrainingListener.NONE).network();
        double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        JFreeChart chart = DecisionBoundary.chart(Model.of(xor), corners, new int[] {0, 1, 1, 0}, List.of("0", "1"),
                "a", "b");
        Rendered r = render(chart);
        // Just inside each corner, clear of the point drawn on it.
        assertThat(bluish(r.at(0.06, 0.06))).as("(0, 0) is class 0: %s", r.at(0.06, 0.06)).isTrue();
        assertThat(bluish(r.at(0.94, 0.94))).as("(1, 1) is class 0: %s", r.at(0.94, 0.94)).isTrue();
        assertThat(orangeish(r.at(0.06, 0.94))).as("(0, 1) is class 1: %s", r.at(0.06, 0.94)).isTrue();
        assertThat(orangeish(r.at(0.94, 0.06))).as("(1, 0) is class 1: %s", r.at(0.94, 0.06)).isTrue();
        // The point drawn at (0, 1) is its class's dark colour.
        assertThat(r.at(0, 1).getRed()).isLessThan(235);

        Path png = folder.resolve("boundary.png");
        PictureFile.write(chart, png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo(800);
        assertThat(read.getHeight()).isEqualTo(600);
    }

    @Test
    void theBoundarySvgEmbedsItsBackgroundAsOnePictureAndKeepsThePointsAsVectors() throws IOException {
        Network network = Network.builder(2).dense(64, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, SplitMix64.seeded(3));
        double[][] points = new double[300][];
        int[] classes = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {Math.cos(i * 0.1) * (1 + i % 7), Math.sin(i * 0.1) * (1 + i % 5)};
            classes[i] = i % 2;
        }
        Path svg = folder.resolve("boundary.svg");
        PictureFile.write(DecisionBoundary.chart(Model.of(network), points, classes, List.of("a", "b"), "x", "y"),
                svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        // A rectangle per grid cell made this file 11.7 MB (moons: 12 MB, 51,204 rectangles); one embedded
        // PNG is a few kilobytes, and each point, filled and outlined, under one.
        assertThat(Files.size(svg)).as("bytes").isLessThan(20_000 + 1_000L * points.length);
        assertThat(occurrences(text, "data:image/png;base64,")).isEqualTo(1);
        assertThat(occurrences(text, "<rect")).as("rectangles").isLessThan(100);
        assertThat(occurrences(text, "<path")).as("points drawn as vector shapes").isGreaterThan(2 * points.length);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void threeClassesGetThreeColours() {
        Network network = Network.builder(2).dense(3, Activations.SOFTMAX).buildWithZeroWeights();
        // Class scores: x for class 0, y for class 1, 0 for class 2: class 0 right, class 1 up, class 2 bottom left.
        network.layers().get(0).weight().value().set(0, 0, 20);
        network.layers().get(0).weight().value().set(1, 1, 20);
        Rendered r = render(DecisionBoundary.chart(Model.of(network), new double[][] {{-1, -1}, {1, 1}},
                new int[] {2, 0}, List.of("a", "b", "c"), "x", "y"));
        assertThat(r.at(1.0, -0.9)).isNotEqualTo(r.at(-0.9, 1.0));
        assertThat(bluish(r.at(1.0, -0.9))).isTrue();       // class 0's colour
        assertThat(orangeish(r.at(-0.9, 1.0))).isTrue();    // class 1's colour
        Color third = r.at(-0.9, -0.6);
        assertThat(third.getGreen()).isGreaterThan(third.getRed()); // class 2's green
    }

    @Test
    void learningCurvesDrawTheLossAndWriteBothFormats() throws IOException {
        Map<String, List<Double>> history = Map.of("loss", List.of(1.0, 0.6, 0.4, 0.3, 0.25),
                "val_loss", List.of(1.1, 0.7, 0.5, 0.45, 0.44), "accuracy", List.of(0.5, 0.7, 0.8, 0.85, 0.9));
        JFreeChart chart = LearningCurves.chart(history);
        Path svg = folder.resolve("history.svg");
        PictureFile.write(chart, svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text).contains("<svg xmlns=").contains("val_loss").contains("accuracy");
        Path png = folder.resolve("history.png");
        PictureFile.write(chart, png);
        BufferedImage image = ImageIO.read(png.toFile());
        // The training loss is drawn in the first palette colour: many of its pixels are on the image.
        int rgb = Palette.classColor(0).getRGB();
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                count += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        assertThat(count).isGreaterThan(200);
    }

    @Test
    void theConfusionHeatMapIsDarkestWhereTheCountIsLargest() {
        Rendered r = render(ConfusionHeatMap.chart(new long[][] {{10, 0}, {2, 8}}, List.of("cat", "dog")));
        // Cells sit at (predicted, k-1-true); sample beside the centre, clear of the number written there.
        Color most = r.at(0.3, 1.3);
        Color none = r.at(1.3, 1.3);
        Color few = r.at(0.3, 0.3);
        assertThat(brightness(most)).isLessThan(brightness(few));
        assertThat(brightness(few)).isLessThan(brightness(none));
        assertThat(none).isEqualTo(Color.WHITE);
    }

    @Test
    void networkEdgesAreColouredBySignAndSizedByMagnitude() {
        Network network = Network.builder(1).dense(2, Activations.RELU).dense(1, Activations.SIGMOID)
                .buildWithZeroWeights();
        network.layers().get(0).weight().value().set(0, 0, 2.0);   // input → unit 1: positive, large
        network.layers().get(0).weight().value().set(0, 1, -2.0);  // input → unit 2: negative, large
        Rendered r = render(NetworkGraph.chart(network));
        // Midpoints of the two edges from the single input (0, 0.5) to the units at (1, 1) and (1, 0).
        assertThat(bluish(r.at(0.5, 0.75))).as("positive edge: %s", r.at(0.5, 0.75)).isTrue();
        assertThat(orangeish(r.at(0.5, 0.25))).as("negative edge: %s", r.at(0.5, 0.25)).isTrue();
    }

    private static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }
}
