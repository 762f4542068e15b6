package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;
import org.nn4j.train.FitResult;

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
        // The boundary's background is one embedded picture: the file was 12 MB when each cell was a rectangle.
        assertThat(Files.size(plots.resolve("boundary.svg"))).as("boundary.svg bytes").isLessThan(1_000_000);
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
    void theHistoryMarksTheBestEpochAndWhereEarlyStoppingEndedTheRun() throws Exception {
        Path plots = folder.resolve("plots");
        Path model = folder.resolve("iris.nn4j");
        CliRun run = CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--epochs", "500", "--early-stopping", "2", "--save", model.toString(), "--plot", plots.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> training = ModelFile.read(model).training();
        assertThat(training.get("stop_reason")).isEqualTo(FitResult.EARLY_STOPPING);
        String stoppedAt = training.get("epochs_trained");
        String history = Files.readString(plots.resolve("history.svg"));
        assertThat(history).contains("stopped early: epoch " + stoppedAt).contains("best: epoch ")
                .contains("best: val_loss ");
    }

    @Test
    void theNetworkPictureNamesTheTablesColumnsAndClassesAndLooksForDeadUnitsInTheData() throws Exception {
        Path model = folder.resolve("iris.nn4j");
        assertThat(CliRun.of("", "train", "--data", TrainCommandTest.IRIS.toString(), "--label", "species",
                "--epochs", "5", "--save", model.toString()).exitCode()).isZero();
        assertThat(CliRun.of("", "plot", model.toString()).exitCode()).isZero();
        String withoutData = Files.readString(folder.resolve("iris-plots").resolve("network.svg"));
        assertThat(withoutData).contains(">petal_length<").contains(">virginica<")
                .contains("no data rows given: dead units not looked for");

        CliRun plot = CliRun.of("", "plot", model.toString(), "--data", TrainCommandTest.IRIS.toString());
        assertThat(plot.exitCode()).as(plot.err()).isZero();
        String withData = Files.readString(folder.resolve("iris-plots").resolve("network.svg"));
        assertThat(withData).contains(">sepal_width<").contains(">setosa<")
                .contains("output 0 on all 150 rows looked at");
    }

    @Test
    void theTutorialsFailingSeedShowsItsDeadUnitAndASmallBoundarySvg() throws Exception {
        // The README's example: seed 1 of the tutorial preset leaves one of its two hidden units dead.
        Path xor = folder.resolve("x.nn4j");
        assertThat(CliRun.of("", "xor", "--preset", "tutorial", "--seed", "1", "--no-prompt", "--save",
                xor.toString()).exitCode()).isZero();
        Path plots = folder.resolve("x");
        assertThat(CliRun.of("", "plot", xor.toString(), "--out", plots.toString()).exitCode()).isZero();
        String network = Files.readString(plots.resolve("network.svg"));
        assertThat(network).contains("1 dead").contains("output 0 on all 4 rows looked at): 1").contains(">a xor b<");
        assertThat(Files.size(plots.resolve("boundary.svg"))).as("boundary.svg bytes").isLessThan(100_000);
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
