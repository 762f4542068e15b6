package org.nn4j.tutorial;

import org.nn4j.grad.GradientMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nn4j.io.Json;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/** One trajectory file of {@code ../shared/reference/}, produced by the tutorial's own numpy code. */
record ReferenceTrajectory(String file, String method, int hidden, double learningRate, Double epsilon, int epochs,
        long seed, Map<String, Object> init, List<double[]> lossAfterEpoch, Map<String, Object> finalWeights,
        double[] finalPredictions) {

    static final Path FOLDER = Path.of("..", "..", "shared", "reference");

    static List<Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The reference trajectories should be in " + FOLDER.toAbsolutePath(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static ReferenceTrajectory read(Path path) {
        try {
            Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(path));
            List<double[]> losses = new ArrayList<>();
            for (Object pair : (List<Object>) json.get("loss_after_epoch")) {
                List<Object> p = (List<Object>) pair;
                losses.add(new double[] {number(p.get(0)), number(p.get(1))});
            }
            List<Object> predictions = (List<Object>) json.get("final_predictions");
            double[] finalPredictions = predictions.stream().mapToDouble(ReferenceTrajectory::number).toArray();
            Object eps = json.get("epsilon");
            return new ReferenceTrajectory(path.getFileName().toString(), (String) json.get("method"),
                    (int) number(json.get("hidden")), number(json.get("lr")), eps == null ? null : number(eps),
                    (int) number(json.get("epochs")), (long) number(json.get("seed")),
                    (Map<String, Object>) json.get("init"), losses, (Map<String, Object>) json.get("final"),
                    finalPredictions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings the trajectory was made with, as nn4j settings. */
    XorSettings settings() {
        GradientMethod m = method.equals("numerical") ? GradientMethod.NUMERICAL : GradientMethod.BACKPROP;
        XorSettings s = XorSettings.tutorial().withHidden(List.of(hidden)).withMethod(m).withLearningRate(learningRate)
                .withEpochs(epochs).withSeed(seed);
        return epsilon == null ? s : s.withEpsilon(epsilon);
    }

    /** A network holding the trajectory's initial weights. */
    Network initialNetwork() {
        Network network = XorTraining.newNetwork(settings());
        setWeights(network, init);
        return network;
    }

    /** The weights W1, b1, W2, b2 of a weights object, as matrices in nn4j's parameter order. */
    static List<Matrix> weights(Map<String, Object> weights) {
        List<Matrix> out = new ArrayList<>();
        for (String name : List.of("W1", "b1", "W2", "b2")) {
            out.add(matrix(weights.get(name)));
        }
        return out;
    }

    static void setWeights(Network network, Map<String, Object> weights) {
        List<Matrix> values = weights(weights);
        for (int i = 0; i < values.size(); i++) {
            Parameter p = network.parameters().get(i);
            p.value().copyFrom(values.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static Matrix matrix(Object nested) {
        List<Object> rows = (List<Object>) nested;
        double[][] values = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            values[r] = ((List<Object>) rows.get(r)).stream().mapToDouble(ReferenceTrajectory::number).toArray();
        }
        return Matrix.of(values);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
