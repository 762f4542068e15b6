package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn4j train} on a table with gaps and columns to choose, then {@code predict} on rows with gaps. */
class GapsAndColumnsTest {

    @TempDir
    Path folder;

    private Path table;

    /** 200 rows: a row number, a name per row, x and z with gaps, a colour with gaps, a constant, and the label. */
    @BeforeEach
    void writeTable() throws IOException {
        Random random = new Random(16);
        StringBuilder csv = new StringBuilder("row,name,x,z,colour,unit,label\n");
        for (int r = 0; r < 200; r++) {
            double x = random.nextGaussian();
            double z = random.nextGaussian();
            String colour = random.nextBoolean() ? "red" : "blue";
            String label = x + z + (colour.equals("red") ? 0.5 : -0.5) > 0 ? "yes" : "no";
            csv.append(r + 1).append(',').append("person").append(r).append(',')
                    .append(r % 7 == 0 ? "" : String.format(Locale.ROOT, "%.4f", x)).append(',')
                    .append(r % 11 == 0 ? "NA" : String.format(Locale.ROOT, "%.4f", z)).append(',')
                    .append(r % 13 == 0 ? "?" : colour).append(",kg,").append(label).append('\n');
        }
        table = folder.resolve("gaps.csv");
        Files.writeString(table, csv);
    }

    @Test
    void trainsOnATableWithGapsAndPredictsRowsWithGaps() throws IOException {
        Path model = folder.resolve("gaps.nn4j");
        CliRun run = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--drop", "row,name,unit",
                "--missing-indicator", "--epochs", "30", "--quiet", "--save", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun loud = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--drop", "row,name,unit",
                "--missing-indicator", "--epochs", "1");
        assertThat(loud.out()).contains("Features: 2 numeric (standardised), 1 categorical (one-hot), 2 missing"
                + " indicators → 7 inputs")
                .contains("Left out: row, name, unit.")
                .containsPattern("Column 'x': \\d+ missing in the training rows, filled with -?[0-9.]+, plus a"
                        + " missing-indicator input\\.")
                .contains("one-hot as the category (missing).");
        assertThat(TrainCommandTest.testAccuracy(loud)).isPositive();

        // Rows with gaps of every kind, with and without the left-out columns.
        Path rows = folder.resolve("new.csv");
        Files.writeString(rows, "x,z,colour\n,0.5,red\n1.0,NA,\n");
        CliRun predicted = CliRun.of("", "predict", model.toString(), "--input", rows.toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        assertThat(predicted.out().lines().toList()).hasSize(3);
        Path withDropped = folder.resolve("with.csv");
        Files.writeString(withDropped, "row,name,x,z,colour,unit\n1,ann,,0.5,red,kg\n2,bob,1.0,NA,,kg\n");
        CliRun same = CliRun.of("", "predict", model.toString(), "--input", withDropped.toString());
        assertThat(same.out()).isEqualTo(predicted.out());

        CliRun summary = CliRun.of("", "summary", model.toString());
        assertThat(summary.out()).containsPattern("x +numeric, standardised with mean \\S+ and scale \\S+, gaps filled"
                + " with \\S+ and flagged by a missing-indicator input")
                .contains("left out: row, name, unit").contains("one-hot over (missing), blue, red");
    }

    @Test
    void featuresKeepsOnlyTheNamedColumnsAndMeanImputes() {
        CliRun run = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--features", "x,colour",
                "--impute", "mean", "--epochs", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Features: 1 numeric (standardised), 1 categorical (one-hot) → 4 inputs")
                .contains("Left out: row, name, z, unit.");
    }

    @Test
    void identifierAndConstantColumnsAreWarnedAbout() {
        CliRun run = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--epochs", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Warning: column 'row' looks like a row identifier (it counts the rows), which"
                + " a model can only memorise; leave it out with --drop row")
                .contains("Warning: column 'name' looks like a row identifier (every value is different)")
                .contains("Warning: column 'unit' is constant in the training rows");
    }

    @Test
    void aMistypedColumnOrStrategyIsRefusedWithAHint() {
        CliRun column = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--drop", "nmae");
        assertThat(column.exitCode()).isNotZero();
        assertThat(column.err().strip()).isEqualTo("nn4j: " + table + " has no dropped column 'nmae' (did you mean"
                + " 'name'?); its columns are row, name, x, z, colour, unit, label");
        CliRun strategy = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--impute", "medain");
        assertThat(strategy.exitCode()).isEqualTo(2);
        assertThat(strategy.err()).contains("Unknown imputation 'medain' (did you mean 'median'?); expected median or"
                + " mean").doesNotContain("Data:");
        CliRun both = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--drop", "row",
                "--features", "x");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void aResumedRunKeepsTheColumnChoiceAndImputation() {
        Path checkpoint = folder.resolve("gaps.ckpt");
        CliRun first = CliRun.of("", "train", "--data", table.toString(), "--label", "label", "--drop", "row,name",
                "--impute", "mean", "--missing-indicator", "--epochs", "3", "--early-stopping", "0",
                "--checkpoint-every", "2", "--checkpoint", checkpoint.toString(), "--quiet");
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun resumed = CliRun.of("", "train", "--resume", checkpoint.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("--drop row,name --impute mean --missing-indicator true")
                .contains("2 missing indicators → 8 inputs");
    }

    @Test
    void aLabelWithGapsIsRefusedNamingTheLines() throws IOException {
        Path gappy = folder.resolve("nolabel.csv");
        Files.writeString(gappy, "x,label\n1,a\n2,\n3,b\n4,NA\n");
        CliRun run = CliRun.of("", "train", "--data", gappy.toString(), "--label", "label");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("the label column 'label' is missing in 2 rows (lines 3, 5)");
    }
}
