package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.data.Dataset;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.optim.Lbfgs;
import org.nn4j.optim.LineSearch;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * L-BFGS in nn4j's training loop against {@code torch.optim.LBFGS}: the same network, initial weights and rows go to
 * {@code interop/lbfgs_torch.py}, both take 20 full-batch steps in float64, and every weight must agree within 1e-9,
 * with the line search off (PyTorch's default) and with strong Wolfe, with PyTorch's 20 iterations per step and
 * with 5 (so that the 20 steps follow the way down rather than sit at the minimum), and once with 3 and a history
 * of 2 pairs (so that dropping old pairs is checked too). Needs a Python with PyTorch (Debian's
 * python3-torch, which {@code .ci/run} installs); skipped where there is none.
 */
class LbfgsPyTorchTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int STEPS = 20;
    /** Each run: its line search, iterations per step, history size and hidden units (0: no hidden layer). */
    private static final Map<String, Object[]> RUNS = Map.of(
            "none", new Object[] {LineSearch.NONE, 20, 100, 6},
            "strong_wolfe", new Object[] {LineSearch.STRONG_WOLFE, 20, 100, 6},
            "none_5_iterations", new Object[] {LineSearch.NONE, 5, 100, 6},
            "strong_wolfe_3_iterations_history_2", new Object[] {LineSearch.STRONG_WOLFE, 3, 2, 0});
    /**
     * Without a penalty this network's loss is so flat in places that PyTorch started 1e-14 away from its own start
     * ends 1e-4 away after 20 steps: rounding, not the algorithm, would decide. With it, 1e-13. A short history
     * makes a network as sensitive again, so the run that drops old pairs has no hidden layer (a convex loss).
     */
    private static final double L2 = 0.01;

    @TempDir
    static Path folder;

    private static Dataset data;
    private static Map<Integer, Network> initial = new LinkedHashMap<>();
    private static Map<String, Object> torch;

    @BeforeAll
    static void trainInPyTorch() throws Exception {
        String python = pythonWithTorch();
        assumeTrue(python != null, "a python3 with torch (apt-get install python3-torch)");
        // Three overlapping classes in four inputs: no weights fit every row, so the minimum is finite.
        Random random = new Random(16);
        int rows = 60;
        double[][] x = new double[rows][4];
        double[][] y = new double[rows][3];
        for (int i = 0; i < rows; i++) {
            int label = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i][j] = random.nextGaussian() + (j == label ? 1.0 : 0.0);
            }
            y[i][label] = 1;
        }
        data = new Dataset("three overlapping classes", Matrix.of(x), Matrix.of(y));
        for (int hidden : List.of(0, 6)) {
            Network.Builder builder = Network.builder(4).precision(Precision.FLOAT64);
            if (hidden > 0) {
                builder.dense(hidden, Activations.TANH);
            }
            initial.put(hidden, builder.dense(3, Activations.SOFTMAX).build(Initializers.byName("xavier"),
                    RandomSource.seeded(16)));
        }

        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("x", rowsOf(data.inputs()));
        problem.put("y", rowsOf(data.targets()));
        problem.put("activation", "tanh");
        List<Object> runs = new ArrayList<>();
        RUNS.forEach((name, run) -> {
            List<Object> layers = new ArrayList<>();
            for (Dense layer : initial.get((int) run[3]).layers()) {
                layers.add(Map.of("weight", rowsOf(layer.weight().value()),
                        "bias", rowsOf(layer.bias().value()).get(0)));
            }
            runs.add(Map.of("name", name, "layers", layers, "lr", 1.0, "max_iter", run[1],
                    "line_search", ((LineSearch) run[0]).label(), "history_size", run[2], "l2", L2, "steps", STEPS));
        });
        problem.put("runs", runs);
        Path input = folder.resolve("problem.json");
        Files.writeString(input, Json.write(problem));

        Process process = new ProcessBuilder(python, "interop/lbfgs_torch.py", input.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(out);
        torch = parsed;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "strong_wolfe", "none_5_iterations", "strong_wolfe_3_iterations_history_2"})
    @SuppressWarnings("unchecked")
    void twentyStepsReachPyTorchsWeightsWithin1e9(String name) {
        Object[] settings = RUNS.get(name);
        Network network = initial.get((int) settings[3]).copy();
        int iterations = (int) settings[1];
        Lbfgs lbfgs = new Lbfgs(1.0, iterations, iterations * 5 / 4, 1e-7, 1e-9, (int) settings[2],
                (LineSearch) settings[0]);
        FitResult result = TrainingLoop.builder(Task.MULTICLASS, lbfgs).batchSize(data.size()).epochs(STEPS)
                .shuffle(false).l2(L2).build().fit(network, data, null, TrainingListener.NONE);
        assertThat(result.stopReason()).isEqualTo(FitResult.COMPLETED);

        Map<String, Object> run = (Map<String, Object>) ((Map<String, Object>) torch.get("runs")).get(name);
        List<Number> losses = (List<Number>) run.get("losses");
        for (int step = 0; step < STEPS; step++) {
            assertThat(result.history().get(step).get("loss")).as("loss after step %d", step + 1)
                    .isCloseTo(losses.get(step).doubleValue(), within(1e-9));
        }
        // Far from the start, so that agreeing is not agreeing on barely moved weights.
        assertThat(losses.get(STEPS - 1).doubleValue()).isLessThan(0.8 * Measurement.of(initial.get(
                (int) settings[3]), data, Task.MULTICLASS).loss());
        List<List<Number>> weights = (List<List<Number>>) run.get("weights");
        List<Parameter> parameters = network.parameters();
        double worst = 0;
        for (int p = 0; p < parameters.size(); p++) {
            Matrix value = parameters.get(p).value();
            assertThat(weights.get(p)).hasSize(value.size());
            for (int i = 0; i < value.size(); i++) {
                worst = Math.max(worst, Math.abs(value.get(i) - weights.get(p).get(i).doubleValue()));
            }
        }
        System.out.printf("L-BFGS %s: largest weight difference from PyTorch after %d steps: %.3g%n", name, STEPS,
                worst);
        assertThat(worst).as("largest weight difference from PyTorch").isLessThanOrEqualTo(1e-9);
    }

    private static List<List<Double>> rowsOf(Matrix m) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : m.toRows()) {
            List<Double> values = new ArrayList<>();
            for (double v : row) {
                values.add(v);
            }
            rows.add(values);
        }
        return rows;
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
