package org.nn4j.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nn4j.cli.Nn4j;

/** {@code nn4j train --spark} on digits.csv reaches the accuracy of the same run on one machine. */
class TrainOnSparkCommandTest {

    private static final Path DIGITS = Path.of("..", "..", "shared", "data", "digits.csv");

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Nn4j.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double testAccuracy(String output) {
        Matcher m = Pattern.compile("(?m)^Accuracy:?\\s+([0-9.]+)").matcher(output.substring(output.indexOf("Test set")));
        assertThat(m.find()).as(output).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void digitsOnSparkReachTheSingleMachineAccuracyBand() {
        String[] common = {"--data", DIGITS.toString(), "--label", "digit", "--test", "0.25", "--epochs", "15",
            "--early-stopping", "0", "--seed", "3"};
        String spread = run(concat(new String[] {"train", "--spark", "local[2]"}, common));
        assertThat(spread).contains("Training on Spark (local[2])");
        String single = run(concat(new String[] {"train"}, common));
        double onSpark = testAccuracy(spread);
        double onOne = testAccuracy(single);
        assertThat(onSpark).isGreaterThan(0.9);
        // The same steps up to summation order: the same accuracy band.
        assertThat(Math.abs(onSpark - onOne)).isLessThan(0.02);
    }

    @Test
    void aMasterNobodyListensOnFailsFastInOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Nn4j.run(new String[] {"train", "--spark", "spark://127.0.0.1:" + port, "--data", DIGITS.toString(),
            "--label", "digit", "--epochs", "1"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isEqualTo(1);
        assertThat(message.lines()).as(message).hasSize(1);
        assertThat(message).startsWith("nn4j: Could not reach the Spark master at spark://127.0.0.1:" + port + ": ")
                .contains("Connection refused");
        // Spark's own registration would retry for over a minute.
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
