package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nn4j.io.Json;
import org.nn4j.tensor.Matrix;

/**
 * Imputation as scikit-learn computes it: {@code SimpleImputer(strategy, add_indicator=True)} followed by a
 * {@code StandardScaler}, run by Debian's /usr/bin/python3 ({@code simple_imputer.py}) on the same rows; skipped
 * where that interpreter has no scikit-learn.
 */
class ImputationMatchesScikitLearnTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final int TRAIN = 31;
    private static final int TEST = 9;
    private static final int COLUMNS = 3;

    @ParameterizedTest
    @EnumSource(Imputation.class)
    void fillValuesIndicatorsAndScalingMatchScikitLearn(Imputation impute) throws Exception {
        assumeTrue(hasScikitLearn(), PYTHON + " with scikit-learn (apt-get install python3-sklearn)");
        // Column 0 has gaps everywhere, column 1 only in the test rows (no indicator: as scikit-learn, only columns
        // with gaps in training get one), column 2 has many repeated values (a median between two of them).
        Random random = new Random(16);
        List<String[]> rows = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (int r = 0; r < TRAIN + TEST; r++) {
            Double[] row = {
                random.nextInt(4) == 0 ? null : Math.round(random.nextGaussian() * 1000) / 100.0,
                r >= TRAIN && r % 3 == 0 ? null : random.nextDouble() * 50,
                random.nextInt(5) == 0 ? null : (double) random.nextInt(4)};
            values.add(java.util.Arrays.asList(row));
            String[] cells = new String[COLUMNS + 1];
            for (int c = 0; c < COLUMNS; c++) {
                cells[c] = row[c] == null ? List.of("", "NA", "?", "nan").get(r % 4) : Double.toString(row[c]);
            }
            cells[COLUMNS] = r % 2 == 0 ? "yes" : "no";
            rows.add(cells);
        }
        Table table = Table.of("gaps", List.of("a", "b", "c", "y"), rows);
        int[] training = new int[TRAIN];
        int[] test = new int[TEST];
        for (int r = 0; r < TRAIN + TEST; r++) {
            if (r < TRAIN) {
                training[r] = r;
            } else {
                test[r - TRAIN] = r;
            }
        }
        Preprocessing prep = Preprocessing.fit(table, "y", null, training, MemoryLimits.ofThisJvm(),
                new InputSettings(List.of(), List.of(), impute, true));

        Map<String, Object> sklearn = scikitLearn(values.subList(0, TRAIN), values.subList(TRAIN, TRAIN + TEST),
                impute.id());
        List<?> statistics = (List<?>) sklearn.get("statistics");
        List<?> means = (List<?>) sklearn.get("mean");
        List<?> scales = (List<?>) sklearn.get("scale");
        for (int c = 0; c < COLUMNS; c++) {
            FeatureColumn f = prep.features().get(c);
            assertThat(f.fill()).as("fill of " + f.name()).isCloseTo(number(statistics.get(c)), within(1e-12));
            assertThat(f.mean()).as("mean of " + f.name()).isCloseTo(number(means.get(c)), within(1e-12));
            assertThat(f.scale()).as("scale of " + f.name()).isCloseTo(number(scales.get(c)), within(1e-12));
        }
        assertThat(prep.features().stream().filter(FeatureColumn::indicator).map(FeatureColumn::name).toList())
                .isEqualTo(((List<?>) sklearn.get("indicator_features")).stream()
                        .map(i -> prep.features().get((int) number(i)).name()).toList());
        // The test rows as the network sees them, standardisation undone, against the imputer's output.
        Matrix inputs = prep.encodeInputs(table, test);
        List<?> expected = (List<?>) sklearn.get("test");
        assertThat(inputs.cols()).isEqualTo(((List<?>) expected.get(0)).size());
        for (int i = 0; i < TEST; i++) {
            List<?> row = (List<?>) expected.get(i);
            for (int j = 0; j < inputs.cols(); j++) {
                double nn4j = j < COLUMNS ? inputs.get(i, j) * prep.features().get(j).scale()
                        + prep.features().get(j).mean() : inputs.get(i, j);
                assertThat(nn4j).as("test row %d, input %d", i, j).isCloseTo(number(row.get(j)), within(1e-9));
            }
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> scikitLearn(List<List<Double>> train, List<List<Double>> test,
            String strategy) throws IOException, InterruptedException {
        Path script = Files.createTempFile("simple_imputer", ".py");
        try {
            try (var in = ImputationMatchesScikitLearnTest.class.getResourceAsStream("simple_imputer.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process python = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect
                    .INHERIT).start();
            try (OutputStream stdin = python.getOutputStream()) {
                stdin.write(Json.write(Map.of("train", train, "test", test, "strategy", strategy))
                        .getBytes(StandardCharsets.UTF_8));
            }
            String answer = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as("simple_imputer.py's exit status").isZero();
            return (Map<String, Object>) Json.parse(answer);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static boolean hasScikitLearn() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import sklearn").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
