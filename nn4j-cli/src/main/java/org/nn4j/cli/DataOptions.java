package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.PublicDataset;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.names.DidYouMean;
import org.nn4j.recipe.RecipeBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the rows come from, what to predict, and how the rows are split. */
final class DataOptions {

    /** Every name --dataset takes: the public tables, then the synthetic sets. */
    static final List<String> BUILT_IN = Stream.concat(
            Stream.of(PublicDataset.values()).map(PublicDataset::title), SyntheticData.NAMES.stream()).toList();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "FILE.csv", required = true,
                description = "A CSV file with a header row.")
        Path data;

        @Option(names = "--dataset", paramLabel = "NAME", required = true,
                description = "A built-in set: iris or digits (public tables, see 'nn4j data'), moons, circles, "
                        + "spirals, blobs, or a logic gate (and, or, nand, nor, xor, xnor).")
        String dataset;
    }

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The column to predict (required with --data; iris: species, digits: digit, the other "
                    + "built-in sets: label).")
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

    @Option(names = "--features", paramLabel = "COLUMNS", split = ",",
            description = "Use only these columns as inputs (comma-separated). Default: every column but the label.")
    List<String> features = List.of();

    @Option(names = "--drop", paramLabel = "COLUMNS", split = ",",
            description = "Leave these columns out (comma-separated), such as row identifiers. Prediction takes rows"
                    + " with or without them.")
    List<String> drop = List.of();

    @Option(names = "--impute", paramLabel = "STRATEGY",
            description = "What fills a gap (an empty cell, NA, N/A, NaN, null or ?) in a numeric column: median or"
                    + " mean of the training rows. Default: median. A gap in a text column is a category of its own.")
    String impute;

    @Option(names = "--missing-indicator", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Give each numeric column with gaps in the training rows one more input: 1 where the value"
                    + " was missing.")
    boolean missingIndicator;

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
        recipe.inputs(new InputSettings(features, drop, impute != null ? Imputation.byName(impute)
                : Imputation.MEDIAN, missingIndicator));
    }

    /** Checks what needs no data, before any is read: the built-in set's name, size and noise. */
    void check() {
        if (source != null && source.dataset != null) {
            requireBuiltIn(source.dataset);
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

    /** Checks that {@code name} is a built-in set (ignoring case), so that a typo is found before any work. */
    static void requireBuiltIn(String name) {
        if (PublicDataset.byName(name).isEmpty() && !SyntheticData.NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown data set '" + name + "'" + DidYouMean.hint(name, BUILT_IN)
                    + "; expected one of " + String.join(", ", BUILT_IN));
        }
    }

    /** The label column: --label, else the built-in set's own ({@code species} for iris, {@code label} for moons). */
    String labelColumn() {
        if (label != null) {
            return label;
        }
        return source != null && source.dataset != null
                ? PublicDataset.byName(source.dataset).map(PublicDataset::label).orElse("label") : "label";
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
        return builtIn(source.dataset, samples, classes, noise, seed);
    }

    /**
     * A built-in set by name: a public table as it ships, or a synthetic one drawn with these settings
     * ({@code noise} null: the set's own default).
     */
    static Table builtIn(String name, int samples, int classes, Double noise, long seed) {
        Optional<PublicDataset> table = PublicDataset.byName(name);
        if (table.isPresent()) {
            return table.get().table();
        }
        requireBuiltIn(name);
        double sd = noise != null ? noise : switch (name.toLowerCase(Locale.ROOT)) {
            case "circles" -> 0.05;
            case "blobs" -> 1.0;
            default -> 0.1;
        };
        return SyntheticData.byName(name, samples, classes, sd, seed);
    }

    /** The separate test table, when --test-data names one; else null. */
    Table loadTest() throws IOException {
        return testData != null ? Table.readCsv(testData) : null;
    }
}
