package org.nn4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nn4j.data.Preprocessing;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.TrainingCheckpoint;

/**
 * Reads and writes training checkpoints: a {@link TrainingCheckpoint} with the context of its run, in the
 * safetensors layout like a model file. Tensors: the weights ({@code layers.K.weight}), the weights at the start
 * of the epoch ({@code epoch_start.…}), the best weights when early stopping keeps them ({@code best.…}), the
 * optimizer's buffers ({@code optimizer.layers.K.weight.exp_avg}, …) and the order of the training rows
 * ({@code order}). Metadata: {@code format} {@value #FORMAT}, the architecture, the rest of the state as JSON
 * (numbers that must come back exactly are written as strings), the training record, the preprocessing and the
 * command line that started the run. Writes are atomic, and the data carry a checksum.
 */
public final class CheckpointFile {

    public static final String FORMAT = "nn4j-checkpoint";
    public static final int FORMAT_VERSION = 1;

    private CheckpointFile() {
    }

    /**
     * A checkpoint and the run it belongs to.
     *
     * @param training the run's training record, as a model file keeps it
     * @param preprocessing the run's preprocessing; null for a network trained on ready-made numbers
     * @param command the command-line arguments that started the run, for {@code nn4j train --resume}; may be empty
     */
    public record Saved(TrainingCheckpoint checkpoint, Map<String, String> training, Preprocessing preprocessing,
            List<String> command) {

        public Saved {
            training = Map.copyOf(training);
            command = List.copyOf(command);
        }
    }

    public static void write(Saved saved, Path file) throws IOException {
        AtomicFile.write(file, encode(saved), "Checkpoint file");
    }

    public static Saved read(Path file) throws IOException {
        byte[] bytes = FileBytes.read(file, "Checkpoint file", "a checkpoint");
        List<String> warnings = new ArrayList<>();
        Saved saved;
        try {
            saved = decode(bytes, warnings);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Checkpoint file", file, "is not a valid nn4j checkpoint: " + e.getMessage());
        }
        warnings.forEach(w -> System.err.println("Warning: the checkpoint " + file + " " + w));
        return saved;
    }

    static byte[] encode(Saved saved) {
        TrainingCheckpoint c = saved.checkpoint();
        SafetensorsWriter writer = new SafetensorsWriter()
                .metadata("format", FORMAT)
                .metadata("format_version", Integer.toString(FORMAT_VERSION))
                .metadata("architecture", Json.write(ModelFile.architecture(c.weights())))
                .metadata("state", Json.write(state(c)))
                .metadata("training", Json.write(new TreeMap<>(saved.training())))
                .metadata("command", Json.write(saved.command()));
        if (saved.preprocessing() != null) {
            writer.metadata("preprocessing", Json.write(saved.preprocessing().toMap()));
        }
        ModelFile.addWeights(writer, "", c.weights());
        ModelFile.addWeights(writer, "epoch_start.", c.epochStart());
        if (c.best() != null) {
            ModelFile.addWeights(writer, "best.", c.best());
        }
        for (Map.Entry<String, double[]> e : c.optimizerState().entrySet()) {
            writer.tensor("optimizer." + e.getKey(), false, List.of(e.getValue().length), e.getValue());
        }
        int[] order = c.order();
        double[] values = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            values[i] = order[i];
        }
        writer.tensor("order", false, List.of(values.length), values);
        return writer.toBytes();
    }

    private static Map<String, Object> state(TrainingCheckpoint c) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("epoch", c.epoch());
        state.put("next_batch", c.nextBatch());
        state.put("loss_sum", exact(c.lossSum()));
        state.put("correct", c.correct());
        state.put("shuffling_state", Long.toString(c.shufflingState()));
        state.put("dropout_state", Long.toString(c.dropoutState()));
        state.put("learning_rate", exact(c.learningRate()));
        state.put("best_value", exact(c.bestValue()));
        state.put("best_epoch", c.bestEpoch());
        state.put("epochs_without_improvement", c.epochsWithoutImprovement());
        List<Object> history = new ArrayList<>();
        for (EpochRecord r : c.history()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("epoch", r.epoch());
            record.put("lr", exact(r.learningRate()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            r.metrics().forEach((k, v) -> metrics.put(k, exact(v)));
            record.put("metrics", metrics);
            history.add(record);
        }
        state.put("history", history);
        Map<String, Object> schedule = new TreeMap<>();
        c.scheduleState().forEach((k, v) -> schedule.put(k, exact(v)));
        state.put("schedule", schedule);
        state.put("settings", new LinkedHashMap<>(c.settings()));
        state.put("data_fingerprint", Long.toString(c.dataFingerprint()));
        return state;
    }

    static Saved decode(byte[] bytes) {
        return decode(bytes, new ArrayList<>());
    }

    /** As {@link #decode(byte[])}, adding to {@code warnings} what loads but deserves a word to the user. */
    static Saved decode(byte[] bytes, List<String> warnings) {
        SafetensorsFile.Contents contents = SafetensorsFile.decodeWithMetadata(bytes);
        if (contents.checksum() == SafetensorsWriter.Coverage.DATA_ONLY) {
            warnings.add(ModelFile.OLDER_CHECKSUM);
        }
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IllegalArgumentException("__metadata__.format should be \"" + FORMAT + "\", got "
                    + (meta.get("format") == null ? "nothing" : "\"" + meta.get("format") + "\"")
                    + (ModelFile.FORMAT.equals(meta.get("format")) ? " (this is a model file, not a checkpoint)" : ""));
        }
        if (!Integer.toString(FORMAT_VERSION).equals(meta.get("format_version"))) {
            throw new IllegalArgumentException("checkpoint format version " + meta.get("format_version")
                    + " is not supported; this nn4j reads version " + FORMAT_VERSION);
        }
        Map<String, SafetensorsFile.Tensor> tensors = contents.tensors();
        long dataLength = 0;
        for (SafetensorsFile.Tensor t : tensors.values()) {
            dataLength += 8L * t.values().length;
        }
        Map<String, Object> arch = object(Json.parse(required(meta, "architecture")), "architecture");
        Network weights = filled(ModelFile.buildArchitecture(arch, dataLength), "", tensors);
        Network epochStart = filled(ModelFile.buildArchitecture(arch, dataLength), "epoch_start.", tensors);
        Network best = tensors.containsKey("best.layers.0.weight")
                ? filled(ModelFile.buildArchitecture(arch, dataLength), "best.", tensors) : null;

        Map<String, Object> state = object(Json.parse(required(meta, "state")), "state");
        Map<String, double[]> optimizer = new LinkedHashMap<>();
        for (Map.Entry<String, SafetensorsFile.Tensor> e : tensors.entrySet()) {
            if (e.getKey().startsWith("optimizer.")) {
                FiniteWeights.require(e.getKey(), e.getValue().values());
                optimizer.put(e.getKey().substring("optimizer.".length()), e.getValue().values());
            }
        }
        int nextBatch = count(state, "next_batch");
        SafetensorsFile.Tensor orderTensor = tensors.get("order");
        if (orderTensor == null) {
            throw new IllegalArgumentException("the checkpoint holds no row order");
        }
        int[] order = new int[orderTensor.values().length];
        for (int i = 0; i < order.length; i++) {
            double v = orderTensor.values()[i];
            if (v != Math.rint(v) || v < 0 || v >= order.length) {
                throw new IllegalArgumentException("the row order holds " + v + ", not a row index");
            }
            order[i] = (int) v;
        }
        List<EpochRecord> history = new ArrayList<>();
        for (Object o : list(state.get("history"), "state.history")) {
            Map<String, Object> r = object(o, "state.history[]");
            Map<String, Double> metrics = new LinkedHashMap<>();
            object(r.get("metrics"), "state.history[].metrics").forEach((k, v) -> metrics.put(k, number(v)));
            history.add(new EpochRecord(count(r, "epoch"), number(r.get("lr")), metrics));
        }
        Map<String, Double> schedule = new LinkedHashMap<>();
        object(state.get("schedule"), "state.schedule").forEach((k, v) -> schedule.put(k, number(v)));
        Map<String, String> settings = new LinkedHashMap<>();
        object(state.get("settings"), "state.settings").forEach((k, v) -> settings.put(k, String.valueOf(v)));
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(count(state, "epoch"), nextBatch, order,
                number(state.get("loss_sum")), count(state, "correct"),
                whole(state.get("shuffling_state"), "shuffling_state"), whole(state.get("dropout_state"), "dropout_state"),
                number(state.get("learning_rate")), history, number(state.get("best_value")), count(state, "best_epoch"),
                count(state, "epochs_without_improvement"), weights, epochStart, best, optimizer, schedule, settings,
                whole(state.get("data_fingerprint"), "data_fingerprint"));

        Map<String, String> training = new LinkedHashMap<>();
        object(Json.parse(required(meta, "training")), "training").forEach((k, v) -> training.put(k,
                String.valueOf(v)));
        Preprocessing preprocessing = meta.containsKey("preprocessing")
                ? Preprocessing.fromMap(object(Json.parse(meta.get("preprocessing")), "preprocessing")) : null;
        List<String> command = new ArrayList<>();
        if (meta.containsKey("command")) {
            for (Object a : list(Json.parse(meta.get("command")), "command")) {
                if (!(a instanceof String arg)) {
                    throw new IllegalArgumentException("command should list strings, got " + a);
                }
                command.add(arg);
            }
        }
        return new Saved(checkpoint, training, preprocessing, command);
    }

    private static Network filled(Network network, String prefix, Map<String, SafetensorsFile.Tensor> tensors) {
        for (Parameter p : network.parameters()) {
            SafetensorsFile.Tensor t = tensors.get(prefix + p.name());
            Matrix value = p.value();
            if (t == null) {
                throw new IllegalArgumentException("the tensor " + prefix + p.name() + " is missing");
            }
            long[] shape = t.shape();
            if (shape.length != 2 || shape[0] != value.rows() || shape[1] != value.cols()) {
                throw new IllegalArgumentException(prefix + p.name() + " should have shape [" + value.rows() + ", "
                        + value.cols() + "], got " + t.shapeText());
            }
            double[] values = t.values();
            FiniteWeights.require(prefix + p.name(), values);
            for (int i = 0; i < values.length; i++) {
                value.set(i, values[i]);
            }
        }
        return network;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " should be a JSON object, got " + abbreviated(value));
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " should be a JSON list, got " + abbreviated(value));
        }
        return l;
    }

    private static long whole(Object value, String what) {
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("state." + what + " should be a whole number written as a string, got "
                + abbreviated(value));
    }

    private static String abbreviated(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String required(Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new IllegalArgumentException("__metadata__." + key + " is missing");
        }
        return value;
    }

    private static int count(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("state." + key + " should be a whole number of 0 or more, got " + v);
        }
        return (int) (long) n;
    }

    /** Doubles travel as their shortest exact decimal, in a string so that NaN and infinities fit too. */
    private static String exact(double value) {
        return Double.toString(value);
    }

    private static double number(Object value) {
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not a number");
            }
        }
        throw new IllegalArgumentException("expected a number written as a string, got " + value);
    }
}
