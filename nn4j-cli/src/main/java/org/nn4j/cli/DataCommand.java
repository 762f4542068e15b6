package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.data.PublicDataset;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.io.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j data}: lists the built-in data sets, or writes one out as CSV, so that what {@code --dataset NAME}
 * trains on can be read, edited and given back as {@code --data FILE.csv}.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the built-in data sets, or write one as CSV (to standard output, or to --out FILE).")
final class DataCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "The set to write: iris, digits, moons, circles, spirals, blobs, or a logic gate.")
    private String name;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write here (atomically) instead of standard output.")
    private Path out;

    @Option(names = "--samples", paramLabel = "N", description = "Rows of a synthetic set. Default: 1000.")
    private int samples = 1000;

    @Option(names = "--noise", paramLabel = "SD",
            description = "Noise of a synthetic set. Default: moons 0.1, circles 0.05, spirals 0.1, blobs 1.0.")
    private Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of spirals and blobs. Default: 3.")
    private int classes = 3;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of a synthetic set; 'nn4j train --dataset' draws with its own --seed. Default: 1.")
    private long seed = 1;

    @Override
    public Integer call() throws IOException {
        PrintWriter print = spec.commandLine().getOut();
        if (name == null) {
            list(print);
        } else {
            String csv = csv(DataOptions.builtIn(name, samples, classes, noise, seed));
            if (out == null) {
                print.print(csv);
            } else {
                AtomicFile.write(out, csv.getBytes(StandardCharsets.UTF_8), "The data file");
                print.println("Wrote " + name + " to " + out + ".");
            }
        }
        print.flush();
        return 0;
    }

    private static void list(PrintWriter print) {
        String format = "%-10s %6s %8s  %-8s %-24s %s%n";
        print.printf(format, "name", "rows", "columns", "label", "task", "source and licence");
        for (PublicDataset set : PublicDataset.values()) {
            print.printf(format, set.title(), set.rows(), set.columns(), set.label(), set.task(), set.credit());
        }
        print.printf(format, "moons", "1000", "3", "label", "2 classes", "synthetic (nn4j): --samples, --noise");
        print.printf(format, "circles", "1000", "3", "label", "2 classes", "synthetic (nn4j): --samples, --noise");
        print.printf(format, "spirals", "1000", "3", "label", "3 classes",
                "synthetic (nn4j): --samples, --noise, --classes");
        print.printf(format, "blobs", "1000", "3", "label", "3 classes",
                "synthetic (nn4j): --samples, --noise, --classes");
        print.printf(format, String.join("|", SyntheticData.NAMES.subList(4, SyntheticData.NAMES.size())), "4", "3",
                "label", "2 classes", "logic gate truth tables");
        print.println("Write one as CSV: nn4j data NAME --out FILE.csv (or nn4j data NAME > FILE.csv).");
    }

    private static String csv(Table table) {
        StringBuilder text = new StringBuilder(CsvCells.line(table.columns().toArray(String[]::new)));
        String[] cells = new String[table.columns().size()];
        for (int row = 0; row < table.rowCount(); row++) {
            for (int c = 0; c < cells.length; c++) {
                cells[c] = table.cell(row, c);
            }
            text.append(CsvCells.line(cells));
        }
        return text.toString();
    }
}
