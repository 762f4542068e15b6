package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --plot} and {@code nn4j plot}: which pictures each writes, and errors. */
class PlotCommandTest {

    @TempDir
    Path folder;

    @Test
    void trainWithPlotDrawsAllFourPicturesForTwoInputClassifiers() throws Exception {
        Path plots = folder.resolve("plots");
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "--epochs", "15", "--plot", plots.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Drew 4 pictures into " + plots + " (PNG and SVG): history, network, confusion,"
                + " boundary.");
        for (String name : new String[] {"history", "network", "confusion", "boundary"}) {
            BufferedImage png = ImageIO.read(plots.resolve(name + ".png").toFile());
            assertThat(png.getWidth()).as(name).isEqualTo(800);
            assertThat(Files.readString(plots.resolve(name + ".svg"))).contains("<svg");
        }
    }

    @Test
    void plotDrawsASavedModelsPicturesWithAndWithoutData() throws Exception {
        Path model = folder.resolve("iris.nn4j");
        CliRun train = CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--epochs", "10", "--save", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun plot = CliRun.of("", "plot", model.toString(), "--data", TrainCommandTest.IRIS.toString());
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        // Four inputs: no decision boundary.
        assertThat(plot.out()).contains("Drew 3 pictures into " + folder.resolve("iris-plots")
                + " (PNG and SVG): history, network, confusion.");
        assertThat(folder.resolve("iris-plots").resolve("confusion.png")).exists();

        Path xor = folder.resolve("xor.nn4j");
        assertThat(CliRun.of("", "xor", "--no-prompt", "--save", xor.toString()).exitCode()).isZero();
        CliRun xorPlot = CliRun.of("", "plot", xor.toString(), "--out", folder.resolve("x").toString());
        assertThat(xorPlot.out()).contains("network, boundary").contains("no saved history");
    }

    @Test
    void mistakesGetOneLine() throws Exception {
        Path file = folder.resolve("taken");
        Files.writeString(file, "not a folder");
        CliRun run = CliRun.of("", "train", "--dataset", "moons", "--epochs", "2", "--plot", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--plot: '" + file + "' is a file, not a folder for pictures");
        assertThat(run.out()).doesNotContain("Epoch");
        CliRun missing = CliRun.of("", "plot", folder.resolve("none.nn4j").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");
    }
}
