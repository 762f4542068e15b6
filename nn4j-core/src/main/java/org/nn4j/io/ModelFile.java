package org.nn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nn4j.data.Preprocessing;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/**
 * Reads and writes networks in the safetensors layout, so that Python's {@code safetensors} library loads the
 * weights as they are:
 * <ol>
 *   <li>8 bytes: the header's length N, an unsigned little-endian 64-bit integer;</li>
 *   <li>N bytes: a UTF-8 JSON object with, per tensor, {@code dtype}, {@code shape} and {@code data_offsets}
 *       (begin and end byte within the data section), and a {@code __metadata__} object of strings that holds
 *       the architecture (see the README's "Model files" section); padded with spaces to a multiple of 8;</li>
 *   <li>the tensors' raw little-endian data.</li>
 * </ol>
 * Tensors are named {@code layers.K.weight} (inputs×units) and {@code layers.K.bias} (1×units), K from 0, and
 * stored as F64, or F32 for a float32 network. Writing goes to a temporary file in the same folder that is flushed and then renamed over the
 * target, so an existing model file is never left half-written. Reading checks every size and offset against the
 * file before using it, and names the problem when something does not fit.
 */
public final class ModelFile {

    public static final String FORMAT = "nn4j";
    public static final int FORMAT_VERSION = 1;

    /** Headers above this size are refused before being read: a real one is a few kilobytes. */
    static final long MAX_HEADER_BYTES = 16L * 1024 * 1024;

    /** The warning for a file whose checksum leaves its header unprotected. */
    static final String OLDER_CHECKSUM = "was written by an older nn4j: its checksum covers the tensors but not the"
            + " header, so damage there would go unnoticed (a file saved by this nn4j is covered whole)";

    private ModelFile() {
    }

    /** Writes {@code network} and its training record to {@code file}, replacing any file there atomically. */
    public static void write(Network network, Map<String, String> training, Path file) throws IOException {
        write(new SavedModel(network, training), file);
    }

    /**
     * Writes a model with its preprocessing and history to {@code file}, replacing any file there atomically: the
     * bytes go to a temporary file in the same folder, which is flushed to disk and then renamed over the target.
     */
    public static void write(SavedModel model, Path file) throws IOException {
        AtomicFile.write(file, encode(model), "Model file");
    }

    /** The bytes a model file holds, for storing or sending a model elsewhere than in a file. */
    public static byte[] toBytes(SavedModel model) {
        return encode(model);
    }

    /** A model from the bytes of a model file, checked as {@link #read} checks a file. */
    public static SavedModel fromBytes(byte[] bytes) {
        return decode(bytes);
    }

    /** The bytes of a model file for {@code network}. */
    static byte[] encode(SavedModel model) {
        Network network = model.network();
        SafetensorsWriter writer = new SafetensorsWriter()
                .metadata("format", FORMAT)
                .metadata("format_version", Integer.toString(FORMAT_VERSION))
                .metadata("architecture", Json.write(architecture(network)))
                .metadata("training", Json.write(new TreeMap<>(model.training())));
        if (model.preprocessing() != null) {
            writer.metadata("preprocessing", Json.write(model.preprocessing().toMap()));
        }
        if (!model.history().isEmpty()) {
            writer.metadata("history", Json.write(model.history()));
        }
        addWeights(writer, "", network);
        return writer.toBytes();
    }

    /** The network's tensors, named {@code prefix + layers.K.weight} and so on, in its precision. */
    static void addWeights(SafetensorsWriter writer, String prefix, Network network) {
        boolean f32 = network.precision() == Precision.FLOAT32;
        for (Parameter p : network.parameters()) {
            Matrix v = p.value();
            writer.tensor(prefix + p.name(), f32, List.of(v.rows(), v.cols()), v.toArray());
        }
    }

    static Map<String, Object> architecture(Network network) {
        List<Object> layers = new ArrayList<>();
        for (Dense layer : network.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", "dense");
            l.put("inputs", layer.inputs());
            l.put("units", layer.units());
            l.put("activation", layer.activation().name());
            if (layer.dropout() > 0) {
                l.put("dropout", layer.dropout());
            }
            layers.add(l);
        }
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("inputs", network.inputs());
        if (network.precision() != Precision.FLOAT64) {
            arch.put("precision", network.precision().id());
        }
        arch.put("layers", layers);
        return arch;
    }

    /** Reads a model file written by {@link #write}. */
    public static SavedModel read(Path file) throws IOException {
        byte[] bytes = FileBytes.read(file, "Model file", "a model file");
        List<String> warnings = new ArrayList<>();
        SavedModel model;
        try {
            model = decode(bytes, warnings);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "is not a valid nn4j model: " + e.getMessage());
        }
        warnings.forEach(w -> System.err.println("Warning: the model file " + file + " " + w));
        return model;
    }

    /** Decodes the bytes of a model file; throws IllegalArgumentException naming the problem. */
    static SavedModel decode(byte[] bytes) {
        return decode(bytes, new ArrayList<>());
    }

    /** As {@link #decode(byte[])}, adding to {@code warnings} what loads but deserves a word to the user. */
    static SavedModel decode(byte[] bytes, List<String> warnings) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(
                    "the file is " + bytes.length + " bytes long, shorter than the 8-byte header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("the header claims " + Long.toUnsignedString(headerLength)
                    + " bytes, but the file has " + (bytes.length - 8) + " bytes after the length field"
                    + " (not a safetensors file, or truncated)");
        }
        int dataStart = 8 + (int) headerLength;
        String headerText = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        Map<String, Object> header = asObject(Json.parse(headerText), "the header");
        Map<String, Object> metadata = asObject(header.get("__metadata__"), "__metadata__");
        if (CheckpointFile.FORMAT.equals(metadata.get("format"))) {
            throw new IllegalArgumentException("it is a checkpoint of a training run, not a model: resume the run"
                    + " to get its model, or see where it stands in its summary");
        }
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new IllegalArgumentException(
                    "__metadata__.format should be \"" + FORMAT + "\", got " + quoted(metadata.get("format"))
                            + " (a safetensors file, but not one written by nn4j)");
        }
        String version = String.valueOf(metadata.get("format_version"));
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IllegalArgumentException(
                    "format version " + version + " is not supported; this nn4j reads version " + FORMAT_VERSION);
        }
        Network network = buildArchitecture(asObject(Json.parse(asString(metadata.get("architecture"),
                "__metadata__.architecture")), "__metadata__.architecture"), bytes.length - dataStart);
        Map<String, String> training = new LinkedHashMap<>();
        if (metadata.containsKey("training")) {
            for (Map.Entry<String, Object> e : asObject(Json.parse(asString(metadata.get("training"),
                    "__metadata__.training")), "__metadata__.training").entrySet()) {
                training.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        int expectedTensors = network.parameters().size();
        if (header.size() - 1 != expectedTensors) {
            throw new IllegalArgumentException("the architecture has " + expectedTensors + " tensors, the header lists "
                    + (header.size() - 1));
        }
        long dataLength = bytes.length - dataStart;
        List<StoredTensor> stored = new ArrayList<>();
        List<DataSection.Range> ranges = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            stored.add(storedTensor(p, asObject(header.get(p.name()), "tensor " + p.name()), dataLength));
            ranges.add(stored.get(stored.size() - 1).range());
        }
        DataSection.requireExactCover(ranges, dataLength);
        for (int i = 0; i < stored.size(); i++) {
            readValues(network.parameters().get(i), stored.get(i), buffer, dataStart);
        }
        // After the structural checks, which name a truncated file more precisely than a checksum can.
        if (SafetensorsWriter.verify(metadata, bytes, dataStart) == SafetensorsWriter.Coverage.DATA_ONLY) {
            warnings.add(OLDER_CHECKSUM);
        }
        Preprocessing preprocessing = null;
        if (metadata.containsKey("preprocessing")) {
            preprocessing = Preprocessing.fromMap(asObject(Json.parse(asString(metadata.get("preprocessing"),
                    "__metadata__.preprocessing")), "__metadata__.preprocessing"));
            if (preprocessing.inputs() != network.inputs() || preprocessing.outputs() != network.outputs()) {
                throw new IllegalArgumentException("the preprocessing gives " + preprocessing.inputs() + " inputs and "
                        + preprocessing.outputs() + " outputs, but the network " + network.sizes() + " has "
                        + network.inputs() + " and " + network.outputs());
            }
        }
        Map<String, List<Double>> history = new LinkedHashMap<>();
        if (metadata.containsKey("history")) {
            for (Map.Entry<String, Object> e : asObject(Json.parse(asString(metadata.get("history"),
                    "__metadata__.history")), "__metadata__.history").entrySet()) {
                if (!(e.getValue() instanceof List<?> values)) {
                    throw new IllegalArgumentException("history." + e.getKey() + " should be a list of numbers");
                }
                List<Double> series = new ArrayList<>();
                for (Object v : values) {
                    if (!(v instanceof Number number)) {
                        throw new IllegalArgumentException("history." + e.getKey() + " should be a list of numbers");
                    }
                    series.add(number.doubleValue());
                }
                history.put(e.getKey(), series);
            }
        }
        return new SavedModel(network, training, preprocessing, history);
    }

    static Network buildArchitecture(Map<String, Object> arch, long dataLength) {
        int inputs = asCount(arch.get("inputs"), "architecture.inputs");
        Object layersValue = arch.get("layers");
        if (!(layersValue instanceof List<?> layers) || layers.isEmpty()) {
            throw new IllegalArgumentException("architecture.layers should be a non-empty list, got "
                    + quoted(layersValue));
        }
        // A file without a precision was written in float64 (files name only float32); it loads as it was saved.
        Network.Builder builder = Network.builder(inputs).precision(arch.containsKey("precision")
                ? Precision.byName(asString(arch.get("precision"), "architecture.precision")) : Precision.FLOAT64);
        int expectedInputs = inputs;
        long totalParameters = 0;
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> layer = asObject(layers.get(i), "architecture.layers[" + i + "]");
            if (!"dense".equals(layer.get("type"))) {
                throw new IllegalArgumentException(
                        "layer " + (i + 1) + " has type " + quoted(layer.get("type")) + "; known: dense");
            }
            if (layer.containsKey("inputs")
                    && asCount(layer.get("inputs"), "layer " + (i + 1) + " inputs") != expectedInputs) {
                throw new IllegalArgumentException("layer " + (i + 1) + " says it takes " + layer.get("inputs")
                        + " inputs, but the layer before gives " + expectedInputs);
            }
            int units = asCount(layer.get("units"), "layer " + (i + 1) + " units");
            // Refuse an architecture the data section cannot hold before allocating anything for it.
            totalParameters += (long) expectedInputs * units + units;
            if (4 * totalParameters > dataLength) {
                throw new IllegalArgumentException("the architecture needs at least " + 4 * totalParameters
                        + " bytes of weights, but the data section has " + dataLength);
            }
            builder.dense(units, Activations.byName(asString(layer.get("activation"),
                    "layer " + (i + 1) + " activation")));
            if (layer.containsKey("dropout")) {
                if (!(layer.get("dropout") instanceof Double rate) || !(rate >= 0 && rate < 1)) {
                    throw new IllegalArgumentException("layer " + (i + 1) + " dropout should be a number from 0 to"
                            + " below 1, got " + quoted(layer.get("dropout")));
                }
                builder.dropout(rate);
            }
            expectedInputs = units;
        }
        return builder.buildWithZeroWeights();
    }

    /** Where a parameter's values are in the data section, and the bytes each takes (8 for F64, 4 for F32). */
    private record StoredTensor(DataSection.Range range, int width) {
    }

    /** Where a parameter's values are, checked against its shape and the data section. */
    private static StoredTensor storedTensor(Parameter p, Map<String, Object> entry, long dataLength) {
        Matrix value = p.value();
        String dtype = asString(entry.get("dtype"), p.name() + ".dtype");
        int width;
        if ("F64".equals(dtype)) {
            width = 8;
        } else if ("F32".equals(dtype)) {
            width = 4;
        } else {
            throw new IllegalArgumentException(p.name() + " has dtype " + dtype + "; nn4j reads F64 and F32");
        }
        Object shapeValue = entry.get("shape");
        if (!(shapeValue instanceof List<?> shape) || shape.size() != 2
                || !(shape.get(0) instanceof Long rows) || !(shape.get(1) instanceof Long cols)
                || rows != value.rows() || cols != value.cols()) {
            throw new IllegalArgumentException(p.name() + " should have shape [" + value.rows() + ", " + value.cols()
                    + "] to fit the architecture, got " + Json.write(shapeValue));
        }
        Object offsetsValue = entry.get("data_offsets");
        if (!(offsetsValue instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw new IllegalArgumentException(p.name() + ".data_offsets should be [begin, end], got "
                    + Json.write(offsetsValue));
        }
        long expectedBytes = (long) width * value.size();
        if (begin < 0 || end > dataLength || end - begin != expectedBytes) {
            throw new IllegalArgumentException(p.name() + ".data_offsets [" + begin + ", " + end + "] should span "
                    + expectedBytes + " bytes inside the " + dataLength + "-byte data section");
        }
        return new StoredTensor(new DataSection.Range(p.name(), begin, end), width);
    }

    private static void readValues(Parameter p, StoredTensor stored, ByteBuffer buffer, int dataStart) {
        Matrix value = p.value();
        int width = stored.width();
        int at = dataStart + (int) stored.range().begin();
        double[] values = new double[value.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == 8 ? buffer.getDouble(at + 8 * i) : buffer.getFloat(at + 4 * i);
        }
        FiniteWeights.require(p.name(), values);
        for (int i = 0; i < values.length; i++) {
            value.set(i, values[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " should be a JSON object, got " + quoted(value));
        }
        return (Map<String, Object>) value;
    }

    private static String asString(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " should be a string, got " + quoted(value));
        }
        return s;
    }

    private static int asCount(Object value, String what) {
        if (!(value instanceof Long n) || n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(what + " should be a whole number from 1 to 1000000, got "
                    + quoted(value));
        }
        return (int) (long) n;
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
