package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.recipe.RecipeBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the rows come from, what to predict, and how the rows are split. */
final class DataOptions {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "FILE.csv", required = true,
                description = "A CSV file with a header row.")
        Path data;

        @Option(names = "--dataset", paramLabel = "NAME", required = true,
                description = "A built-in set: moons, circles, spirals, blobs, or a logic gate (and, or, nand, nor, "
                        + "xor, xnor).")
        String dataset;
    }

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The column to predict (required with --data; built-in sets use 'label').")
    String label;

    @Option(names = "--task", paramLabel = "TASK",
            description = "auto, binary, multiclass or regression. Default: auto (inferred from the label column).")
    String task;

    @Option(names = "--test-data", paramLabel = "FILE.csv",
            description = "Score on this file instead of holding out --test of --data.")
    Path testData;

    @Option(names = "--test", paramLabel = "FRACTION", description = "Share of rows held out for the test. Default: 0.2.")
    Double testFraction;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of rows held out for validation (early stopping). Default: 0.1.")
    Double validationFraction;

    @Option(names = "--samples", paramLabel = "N", description = "Rows of a built-in set. Default: 1000.")
    int samples = 1000;

    @Option(names = "--noise", paramLabel = "SD",
            description = "Noise of a built-in set. Default: moons 0.1, circles 0.05, spirals 0.1, blobs 1.0.")
    Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of spirals and blobs. Default: 3.")
    int classes = 3;

    void applyTo(RecipeBuilder recipe) {
        if (task != null) {
            recipe.task(task);
        }
        if (testFraction != null) {
            recipe.testFraction(testFraction);
        }
        if (validationFraction != null) {
            recipe.validationFraction(validationFraction);
        }
    }

    /** Checks what needs no data, before any is read: the built-in set's name, size and noise. */
    void check() {
        if (source != null && source.dataset != null) {
            SyntheticData.requireKnown(source.dataset);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples takes a number of rows of 1 or more, got " + samples);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("--classes takes 2 or more, got " + classes);
        }
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("--noise takes a standard deviation of 0 or more, got " + noise);
        }
    }

    /** The label column: --label, or {@code label} for the built-in sets. */
    String labelColumn() {
        return label != null ? label : "label";
    }

    /** The name of the data in reports and the training record: the file's name or the built-in set's. */
    String dataName() {
        return source.data != null ? source.data.getFileName().toString() : source.dataset;
    }

    Table load(long seed) throws IOException {
        if (source.data != null) {
            if (Files.isDirectory(source.data)) {
                throw new IllegalArgumentException("The data file '" + source.data + "' is a folder");
            }
            return Table.readCsv(source.data);
        }
        double sd = noise != null ? noise : switch (source.dataset.toLowerCase(Locale.ROOT)) {
            case "circles" -> 0.05;
            case "blobs" -> 1.0;
            default -> 0.1;
        };
        return SyntheticData.byName(source.dataset, samples, classes, sd, seed);
    }

    /** The separate test table, when --test-data names one; else null. */
    Table loadTest() throws IOException {
        return testData != null ? Table.readCsv(testData) : null;
    }
}
