package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad data gets one line that names the file, line and column and what was expected, exit code 1
 * (2 for a wrong option), no stack trace, and leaves an existing model file as it was.
 */
class BadInputTest {

    @TempDir
    Path folder;

    private Path model;
    private byte[] modelBytes;

    @BeforeEach
    void existingModel() throws IOException {
        model = folder.resolve("keep.nn4j");
        Path good = csv("good.csv", "a,b,y\n1,2,x\n2,3,z\n3,1,x\n4,4,z\n");
        CliRun run = CliRun.of("", "train", "--data", good.toString(), "--label", "y", "--epochs", "2", "--save",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        modelBytes = Files.readAllBytes(model);
    }

    private Path csv(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private CliRun trainOn(Path data, String label) {
        return CliRun.of("", "train", "--data", data.toString(), "--label", label, "--save", model.toString());
    }

    private void assertRefused(CliRun run, int code, String message) throws IOException {
        assertThat(run.exitCode()).isEqualTo(code);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
    }

    @Test
    void aNonNumericCell() throws IOException {
        Path data = csv("cells.csv", "a,b,y\n1,2,x\n3,abc,z\n5,6,x\n");
        assertRefused(trainOn(data, "y"), 1, "cells.csv, line 3, column 'b': expected a number, got 'abc'");
    }

    @Test
    void aMissingLabelOption() throws IOException {
        Path data = csv("d.csv", "a,y\n1,x\n2,z\n");
        assertRefused(CliRun.of("", "train", "--data", data.toString(), "--save", model.toString()), 2,
                "--data needs --label COLUMN: the column to predict");
    }

    @Test
    void aMisspeltLabelColumn() throws IOException {
        Path data = csv("d.csv", "a,Label\n1,x\n2,z\n");
        assertRefused(trainOn(data, "label"), 1,
                "d.csv has no label column 'label' (did you mean 'Label'?); its columns are a, Label");
    }

    @Test
    void aRaggedRow() throws IOException {
        Path data = csv("ragged.csv", "a,b,y\n1,2,x\n3,4\n");
        assertRefused(trainOn(data, "y"), 1, "ragged.csv, line 3: expected 3 cells like the header, got 2");
    }

    @Test
    void infinity() throws IOException {
        // NaN is a missing value, filled like an empty cell (GapsAndColumnsTest); infinity is no value at all.
        Path inf = csv("inf.csv", "a,b,y\n1,2,x\n3,4,z\n5,Infinity,x\n");
        assertRefused(trainOn(inf, "y"), 1, "inf.csv, line 4, column 'b': expected a finite number, got 'Infinity'");
    }

    @Test
    void anEmptyFile() throws IOException {
        Path data = csv("empty.csv", "");
        assertRefused(trainOn(data, "y"), 1, "empty.csv is empty: expected a header row and data rows");
    }

    @Test
    void aLabelWithASingleClass() throws IOException {
        Path data = csv("one.csv", "a,y\n1,x\n2,x\n3,x\n");
        assertRefused(trainOn(data, "y"), 1, "the label column 'y' has only one class, 'x'; classification needs at"
                + " least 2");
    }

    @Test
    void rowsWhoseColumnsDoNotMatchTheModel() throws IOException {
        Path rows = csv("other.csv", "a,c\n1,2\n");
        assertRefused(CliRun.of("", "predict", model.toString(), "--input", rows.toString()), 1,
                "other.csv: the columns do not match the model's. Expected a, b (and optionally the label 'y');"
                        + " missing b; unknown c");
        assertRefused(CliRun.of("", "evaluate", model.toString(), "--data", rows.toString()), 1,
                "other.csv has no label column 'y'; its columns are a, c");
    }

    @Test
    void aMissingDataFile() throws IOException {
        assertRefused(trainOn(folder.resolve("absent.csv"), "y"), 1, "absent.csv' does not exist");
    }

    @Test
    void badTrainingOptions() throws IOException {
        Path data = csv("d.csv", "a,y\n1,x\n2,z\n");
        assertRefused(CliRun.of("", "train", "--data", data.toString(), "--label", "y", "--optimizer", "adagrad"), 2,
                "Unknown optimizer 'adagrad'");
        assertRefused(CliRun.of("", "train", "--data", data.toString(), "--label", "y", "--task", "ranking"), 2,
                "Unknown task 'ranking'");
        CliRun schedule = CliRun.of("", "train", "--data", data.toString(), "--label", "y", "--schedule", "warmup");
        assertRefused(schedule, 2, "Unknown schedule 'warmup'");
        assertThat(schedule.out()).isEmpty();
        assertRefused(CliRun.of("", "train", "--data", data.toString(), "--dataset", "moons"), 2,
                "mutually exclusive");
    }
}
