package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interop/nn4j_torch.py} against {@code nn4j predict}: regression models trained here, one on numeric
 * columns and one with a text column, give the same values, in the label's units, in PyTorch as in nn4j. Needs a
 * Python with PyTorch (Debian's python3-torch, which {@code .ci/run} installs); skipped where there is none.
 */
class TorchLoaderIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void aRegressionModelAnswersInTheLabelsUnitsInPyTorch() throws Exception {
        assertPyTorchAgrees(false);
    }

    @Test
    void aModelWithATextColumnAnswersTheSameInPyTorch() throws Exception {
        assertPyTorchAgrees(true);
    }

    private void assertPyTorchAgrees(boolean textColumn) throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "a python3 with torch (apt-get install python3-torch)");
        Random random = new Random(7);
        String[] colours = {"red", "green", "blue"};
        StringBuilder data = new StringBuilder(textColumn ? "x1,colour,price\n" : "x1,x2,price\n");
        StringBuilder rows = new StringBuilder(textColumn ? "x1,colour\n" : "x1,x2\n");
        for (int i = 0; i < 200; i++) {
            double x1 = random.nextDouble() * 10;
            int k = random.nextInt(3);
            double x2 = random.nextDouble() * 5;
            // A label far from 0 with a spread far from 1, so that forgetting its standardisation shows.
            double price = 120 + 8 * x1 + (textColumn ? 15 * k : -6 * x2) + random.nextGaussian();
            String second = textColumn ? colours[k] : Double.toString(x2);
            data.append(x1).append(',').append(second).append(',').append(price).append('\n');
            if (i < 8) {
                rows.append(x1).append(',').append(second).append('\n');
            }
        }
        Path csv = folder.resolve("data.csv");
        Path input = folder.resolve("rows.csv");
        Path model = folder.resolve("m.nn4j");
        Files.writeString(csv, data);
        Files.writeString(input, rows);
        // float64, for which the 1e-9 agreement below was set.
        CliRun train = CliRun.of("", "train", "--data", csv.toString(), "--label", "price", "--epochs", "30",
                "--precision", "float64", "--save", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun predict = CliRun.of("", "predict", model.toString(), "--input", input.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();

        Process process = new ProcessBuilder(python, "interop/predict_torch.py", model.toString(), input.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String torch = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(torch).isZero();

        List<String> expected = predict.out().lines().toList();
        List<String> actual = torch.lines().toList();
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual.get(0)).isEqualTo(expected.get(0));
        for (int i = 1; i < expected.size(); i++) {
            double value = Double.parseDouble(expected.get(i));
            assertThat(value).as("a value in the label's units").isGreaterThan(50);
            assertThat(Double.parseDouble(actual.get(i))).as("row " + i).isCloseTo(value, within(1e-9 * value));
        }
    }

    /** /usr/bin/python3 (Debian's PyTorch) or python3 on the path, whichever imports torch; null if neither. */
    private static String pythonWithTorch() throws InterruptedException {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // Not installed: try the next.
            }
        }
        return null;
    }
}
