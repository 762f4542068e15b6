package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @TempDir
    Path folder;

    @Test
    void listingNamesEverySetWithItsSizeTaskAndLicence() {
        CliRun run = CliRun.of("", "data");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("iris +150 +5 +species +3-class classification +R\\. A\\. Fisher.*"
                + "CC BY 4\\.0")
                .containsPattern("digits +1797 +65 +digit +10-class classification +E\\. Alpaydin.*CC BY 4\\.0")
                .contains("moons", "circles", "spirals", "blobs", "xor", "nn4j data NAME --out FILE.csv");
    }

    @Test
    void irisIsWrittenAsTheCsvItShipsAs() throws IOException {
        Path file = folder.resolve("iris.csv");
        CliRun run = CliRun.of("", "data", "iris", "--out", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(151).startsWith("sepal_length,sepal_width,petal_length,petal_width,species",
                "5.1,3.5,1.4,0.2,setosa").endsWith("5.9,3,5.1,1.8,virginica");
        assertThat(CliRun.of("", "data", "iris").out()).isEqualTo(Files.readString(file));
    }

    @Test
    void syntheticSetsAreWrittenWithTheirSettings() {
        CliRun run = CliRun.of("", "data", "spirals", "--samples", "12", "--classes", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(13).first().isEqualTo("x,y,label");
        assertThat(run.out().lines().skip(1).map(line -> line.substring(line.lastIndexOf(',') + 1)).distinct())
                .containsExactlyInAnyOrder("0", "1", "2", "3");
    }

    @Test
    void trainingOnTheBuiltInSetEqualsTrainingOnItsWrittenCsv() {
        Path file = folder.resolve("iris.csv");
        assertThat(CliRun.of("", "data", "iris", "--out", file.toString()).exitCode()).isZero();
        CliRun builtIn = CliRun.of("", "train", "--dataset", "iris", "--epochs", "20");
        CliRun fromFile = CliRun.of("", "train", "--data", file.toString(), "--label", "species", "--epochs", "20");
        assertThat(builtIn.exitCode()).as(builtIn.err()).isZero();
        assertThat(builtIn.out()).contains("Data: iris, 150 rows, 5 columns",
                "Task: multi-class classification of 'species' with 3 classes: setosa, versicolor, virginica");
        assertThat(TrainCommandTest.testAccuracy(builtIn)).isEqualTo(TrainCommandTest.testAccuracy(fromFile));
        assertThat(builtIn.out().lines().filter(line -> line.startsWith("Epoch")))
                .containsExactlyElementsOf(fromFile.out().lines().filter(line -> line.startsWith("Epoch")).toList());
    }

    @Test
    void digitsTrainUnderTheirOwnLabel() {
        CliRun run = CliRun.of("", "train", "--dataset", "digits", "--epochs", "2", "--hidden", "8");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Data: digits, 1797 rows, 65 columns",
                "Task: multi-class classification of 'digit' with 10 classes");
    }

    @Test
    void anUnknownSetIsRefusedNamingEveryKnownOne() {
        CliRun run = CliRun.of("", "data", "irises");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Unknown data set 'irises' (did you mean 'iris'?); expected one of iris, digits, moons, circles")
                .doesNotContain("\tat ");
    }
}
