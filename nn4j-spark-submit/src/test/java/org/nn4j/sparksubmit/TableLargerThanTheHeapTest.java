package org.nn4j.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --spark}, this process never holds the rows: {@code nn4j train --spark local[2]} in a JVM of 64 MiB
 * trains on a CSV file more than four times that size, and scores its test rows. The executors of local[2] live in
 * the same JVM, so the whole pipeline — reading, splitting, preprocessing, encoding, training, evaluation — streams
 * through that heap, and the encoded rows wait on disk.
 */
class TableLargerThanTheHeapTest {

    private static final int HEAP_MIB = 64;

    @TempDir
    Path folder;

    @Test
    void trainsOnATableFourTimesTheHeap() throws Exception {
        Path csv = folder.resolve("large.csv");
        long rows = write(csv, 4L * HEAP_MIB * 1024 * 1024 + (8L << 20));
        assertThat(Files.size(csv)).isGreaterThan(4L * HEAP_MIB * 1024 * 1024);
        Path model = folder.resolve("large.nn4j");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + HEAP_MIB + "m",
                // Spark's own floor (a heap of 450 MiB or more) guards against tiny executors; here the point is
                // the tiny heap. Its working memory shrinks to match, and the encoded rows are kept on disk.
                "-Dspark.testing.reservedMemory=0", "-Dspark.memory.fraction=0.2",
                "-Dspark.nn4j.rows.storageLevel=DISK_ONLY", "-Djava.io.tmpdir=" + folder,
                "--add-modules", "jdk.incubator.vector"));
        for (String open : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
                "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.nn4j.cli.Main", "train",
                "--spark", "local[2]", "--data", csv.toString(), "--label", "y", "--hidden", "4", "--epochs", "1",
                "--batch", "1000000", "--lr", "0.05", "--early-stopping", "0", "--save", model.toString()));
        Path log = folder.resolve("train.log");
        Process train = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = train.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            train.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(finished).as(out).isTrue();
        assertThat(train.exitValue()).as(out).isZero();
        assertThat(out).contains("Data: " + csv + ", " + rows + " rows, 6 columns")
                .contains("Features: 4 numeric (standardised), 1 categorical (one-hot) → 10 inputs");
        Matcher split = Pattern.compile("Split \\(seed 1, hashed\\): (\\d+) training, (\\d+) validation, (\\d+) test")
                .matcher(out);
        assertThat(split.find()).as(out).isTrue();
        long test = Long.parseLong(split.group(3));
        assertThat(Long.parseLong(split.group(1)) + Long.parseLong(split.group(2)) + test).isEqualTo(rows);
        // The validation rows are measured each epoch, and every test row is scored.
        assertThat(out).contains("val_loss").contains("Test set (" + test + " rows):").contains("Samples: " + test);
        assertThat(Files.exists(model)).isTrue();
    }

    /**
     * Writes rows of four numbers, a long text category and a label that depends on both until the file has
     * {@code bytes}; returns the rows.
     */
    private static long write(Path csv, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        String[] kinds = new String[6];
        for (int k = 0; k < kinds.length; k++) {
            // Long descriptive cells, as product descriptions are: many bytes per row, few categories.
            kinds[k] = ("kind " + k + " ").repeat(100).strip();
        }
        long rows = 0;
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("a,b,c,d,kind,y\n");
            while (written < bytes) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                int kind = random.nextInt(kinds.length);
                String line = String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%.17g,%s,%d%n", a, b,
                        random.nextGaussian(), random.nextGaussian(), kinds[kind], a + b + (kind % 2) > 0.5 ? 1 : 0);
                w.write(line);
                written += line.length();
                rows++;
            }
        }
        return rows;
    }
}
