package org.nn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.metrics.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j split}: writes the training and test rows that {@code nn4j train} would use, so that other tools can
 * be compared on exactly the same split.
 */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Write the seeded, stratified split of a CSV file that 'nn4j train' uses (same --test and "
                + "--seed give the same test rows) as train.csv and test.csv in a folder.")
final class SplitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true, description = "A CSV file with a header row.")
    private Path data;

    @Option(names = "--label", paramLabel = "COLUMN", required = true, description = "The label column.")
    private String label;

    @Option(names = "--test", paramLabel = "FRACTION", description = "Share of rows for the test. Default: 0.2.")
    private double testFraction = 0.2;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the split. Default: 1.")
    private long seed = 1;

    @Option(names = "--out", paramLabel = "FOLDER", required = true, description = "Folder for train.csv and test.csv.")
    private Path folder;

    @Override
    public Integer call() throws IOException {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--test takes the share of rows for the test, from 0 to"
                    + " below 1, got " + testFraction);
        }
        RunFiles.requireNotAnInput(spec, "--out", folder.resolve("train.csv"), data);
        RunFiles.requireNotAnInput(spec, "--out", folder.resolve("test.csv"), data);
        Table table = Table.readCsv(data);
        int labelIndex = table.requireColumn(label, "label");
        boolean stratify = Preprocessing.inferTask(table, labelIndex) != Task.REGRESSION;
        Split split = Split.of(table, labelIndex, testFraction, 0.0, stratify, seed);
        Files.createDirectories(folder);
        write(table, split.train(), folder.resolve("train.csv"));
        write(table, split.test(), folder.resolve("test.csv"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote %d training rows to %s and %d test rows to %s.%n", split.train().length,
                folder.resolve("train.csv"), split.test().length, folder.resolve("test.csv"));
        out.flush();
        return 0;
    }

    private static void write(Table table, int[] rows, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CsvCells.line(table.columns().toArray(String[]::new)));
            for (int r : rows) {
                String[] cells = new String[table.columns().size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = table.cell(r, c);
                }
                w.write(CsvCells.line(cells));
            }
        }
    }
}
