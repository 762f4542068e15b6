package org.nn4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program as a user would, and checks what it prints and saves. */
class ExamplesTest {

    /** The iris table that ships inside nn4j-core, read as the file a user would pass. */
    private static final Path IRIS = Path.of("..", "nn4j-core", "src", "main", "resources", "org", "nn4j", "data",
            "iris.csv");

    @TempDir
    Path folder;

    /** Runs {@code main} with standard output captured. */
    private static String run(ThrowingMain main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void trainXorLearnsXorAndTheSavedModelAnswers() throws Exception {
        Path model = folder.resolve("xor.nn4j");
        String out = run(TrainXor::main, model.toString());
        assertThat(out).contains("Trained 500 epochs");
        // Each line ends with the prediction; XOR's answers are 0, 1, 1, 0.
        assertThat(out).containsPattern("0 XOR 0 -> 0\\.0\\d\\d").containsPattern("0 XOR 1 -> 0\\.9\\d\\d")
                .containsPattern("1 XOR 0 -> 0\\.9\\d\\d").containsPattern("1 XOR 1 -> 0\\.0\\d\\d");
        assertThat(Files.exists(model)).isTrue();

        String answer = run(LoadAndPredict::main, model.toString(), "1", "0");
        assertThat(answer).contains("Inputs: x1, x2").containsPattern("Prediction: 0\\.9\\d+");
    }

    @Test
    void trainFromCsvReachesIrisAccuracyAndLoadAndPredictNamesTheClass() throws Exception {
        Path model = folder.resolve("iris.nn4j");
        String out = run(TrainFromCsv::main, IRIS.toString(), "species", model.toString());
        assertThat(out).contains("Test accuracy: ").contains("on 30 rows").contains("Saved");
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*Test accuracy: ([0-9.]+).*", "$1"));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);

        String answer = run(LoadAndPredict::main, model.toString(), "5.1", "3.5", "1.4", "0.2");
        assertThat(answer).contains("multi-class").contains("sepal_length, sepal_width, petal_length, petal_width")
                .contains("Prediction: setosa (probability 0.9");
    }
}
