package org.nn4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;

/** The network picture: which units it shows and says it shows, their names, and dead units. */
class NetworkGraphTest {

    @TempDir
    Path folder;

    private String svg(JFreeChart chart) throws IOException {
        Path file = folder.resolve("network.svg");
        PictureFile.write(chart, file);
        return Files.readString(file);
    }

    /** 1 input, 2 ReLU units, 1 output: unit 1 has weight +1, unit 2 weight −1, so on positive inputs unit 2 is 0. */
    private static Network oneLiveOneDead() {
        Network network = Network.builder(1).dense(2, Activations.RELU).dense(1, Activations.SIGMOID)
                .buildWithZeroWeights();
        network.layers().get(0).weight().value().set(0, 0, 1.0);
        network.layers().get(0).weight().value().set(0, 1, -1.0);
        return network;
    }

    private static Matrix positiveRows() {
        Matrix rows = Matrix.zeros(3, 1);
        rows.set(0, 0, 0.5);
        rows.set(1, 0, 1.0);
        rows.set(2, 0, 2.0);
        return rows;
    }

    @Test
    void aLayerWiderThanThePictureSaysHowManyOfItsUnitsItShows() throws IOException {
        Network network = Network.builder(2).dense(64, Activations.RELU).dense(1, Activations.SIGMOID)
                .buildWithZeroWeights();
        String text = svg(NetworkGraph.chart(network));
        assertThat(text).contains("showing " + NetworkGraph.MAX_NODES + " of 64 units").contains("relu (64)");
        assertThat(text).doesNotContain("of 2 units").doesNotContain("of 1 units");
    }

    @Test
    void inputsAndOutputsCarryTheModelsColumnAndClassNames() throws IOException {
        Preprocessing prep = new Preprocessing(List.of(new FeatureColumn("petal_length", 3.7, 1.7, List.of()),
                new FeatureColumn("colour", 0, 1, List.of("red", "blue"))),
                new LabelColumn("species", Task.MULTICLASS, List.of("setosa", "versicolor", "virginica"), 0, 1));
        UnitNames names = UnitNames.of(prep);
        assertThat(names.inputs()).containsExactly("petal_length", "colour=red", "colour=blue");
        assertThat(names.outputs()).containsExactly("setosa", "versicolor", "virginica");
        Network network = Network.builder(3).dense(4, Activations.RELU).dense(3, Activations.SOFTMAX)
                .buildWithZeroWeights();
        assertThat(svg(NetworkGraph.chart(network, names, null))).contains(">petal_length<").contains(">colour=red<")
                .contains(">setosa<").contains(">virginica<");
    }

    @Test
    void binaryAndRegressionModelsNameTheirOneOutput() {
        FeatureColumn x = new FeatureColumn("x", 0, 1, List.of());
        assertThat(UnitNames.of(new Preprocessing(List.of(x), new LabelColumn("spam", Task.BINARY,
                List.of("no", "yes"), 0, 1))).outputs()).containsExactly("P(yes)");
        assertThat(UnitNames.of(new Preprocessing(List.of(x), new LabelColumn("price", Task.REGRESSION,
                List.of(), 10, 2))).outputs()).containsExactly("price");
    }

    @Test
    void unitsThatAnswerZeroToEveryRowAreFoundAndDrawnHollow() throws IOException {
        Network network = oneLiveOneDead();
        boolean[][] dead = NetworkGraph.deadUnits(network, positiveRows());
        assertThat(dead[1]).containsExactly(false, true);
        assertThat(dead[2]).as("the output layer is never called dead").containsExactly(false);

        JFreeChart chart = NetworkGraph.chart(network, UnitNames.NONE, positiveRows());
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = PictureFile.render(chart, PictureFile.WIDTH, PictureFile.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        // Units sit at (1, 1) (alive) and (1, 0) (dead); their centres show the fill.
        Color live = pixel(image, plot, area, 1, 1);
        Color hollow = pixel(image, plot, area, 1, 0);
        assertThat(live).isEqualTo(Color.DARK_GRAY);
        assertThat(hollow).isEqualTo(Color.WHITE);
        assertThat(svg(chart)).contains("dead unit (output 0 on all 3 rows looked at): 1").contains("relu (2), 1 dead");
    }

    @Test
    void withoutDataTheLegendSaysDeadUnitsWereNotLookedFor() throws IOException {
        String text = svg(NetworkGraph.chart(oneLiveOneDead()));
        assertThat(text).contains("no data rows given: dead units not looked for").doesNotContain("1 dead");
    }

    private static Color pixel(BufferedImage image, XYPlot plot, Rectangle2D area, double x, double y) {
        int px = (int) Math.round(plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM));
        int py = (int) Math.round(plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT));
        return new Color(image.getRGB(px, py));
    }
}
