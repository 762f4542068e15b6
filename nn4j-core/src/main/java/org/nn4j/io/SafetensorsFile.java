package org.nn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any safetensors file, such as one written by Python's {@code safetensors.torch.save_file}: the
 * floating-point tensors by name, in the header's order. F64, F32, F16 and BF16 are read; the values are returned
 * as doubles, exactly. As with {@link ModelFile}, every length, shape and offset is checked against the file before
 * anything is allocated for it.
 */
public final class SafetensorsFile {

    /** One tensor: its name, stored type, shape and values in row-major order. */
    public record Tensor(String name, String dtype, long[] shape, double[] values) {

        public Tensor {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        public int rank() {
            return shape.length;
        }

        public long dim(int axis) {
            return shape[axis];
        }

        /** The shape as PyTorch prints it, e.g. {@code [16, 4]}. */
        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private SafetensorsFile() {
    }

    /** Every tensor of the file, in the order the header lists them; {@code __metadata__} is skipped. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = FileBytes.read(file, "Model file", "a safetensors file");
        try {
            return decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "is not a valid safetensors file: " + e.getMessage());
        }
    }

    /** Decodes the bytes of a safetensors file; throws IllegalArgumentException naming the problem. */
    static Map<String, Tensor> decode(byte[] bytes) {
        return decodeWithMetadata(bytes).tensors();
    }

    /** The tensors and the string metadata of a file, and what its checksum covered. */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata,
            SafetensorsWriter.Coverage checksum) {
    }

    /**
     * Decodes tensors and metadata, and verifies the data against the metadata's checksum when there is one;
     * throws IllegalArgumentException naming the problem.
     */
    static Contents decodeWithMetadata(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException(
                    "the file is " + bytes.length + " bytes long, shorter than the 8-byte header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > ModelFile.MAX_HEADER_BYTES || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("the header claims " + Long.toUnsignedString(headerLength)
                    + " bytes, but the file has " + (bytes.length - 8) + " bytes after the length field");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        Object parsed = Json.parse(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new IllegalArgumentException("the header should be a JSON object");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) {
                    throw new IllegalArgumentException("__metadata__ should be a JSON object of strings");
                }
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String value)) {
                        throw new IllegalArgumentException("__metadata__." + m.getKey() + " should be a string");
                    }
                    metadata.put((String) m.getKey(), value);
                }
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException("tensor " + name + " should be a JSON object");
            }
            tensors.put(name, readTensor(name, entry, buffer, dataStart, dataLength));
        }
        SafetensorsWriter.Coverage checksum = SafetensorsWriter.verify(metadata, bytes, dataStart);
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata), checksum);
    }

    private static Tensor readTensor(String name, Map<?, ?> entry, ByteBuffer buffer, int dataStart,
            long dataLength) {
        Object dtypeValue = entry.get("dtype");
        String dtype = dtypeValue instanceof String s ? s : String.valueOf(dtypeValue);
        int width = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new IllegalArgumentException(name + " has dtype " + dtype
                    + "; nn4j reads the floating-point types F64, F32, F16 and BF16");
        };
        if (!(entry.get("shape") instanceof List<?> shapeList)) {
            throw new IllegalArgumentException(name + ".shape should be a list of sizes");
        }
        long[] shape = new long[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long size) || size < 0) {
                throw new IllegalArgumentException(name + ".shape should hold sizes of 0 or more, got "
                        + Json.write(shapeList));
            }
            shape[i] = size;
            // Bounded by the data section, so a claimed 10^12 elements is refused here, before any allocation.
            if (size != 0 && count > (dataLength / width) / size) {
                throw new IllegalArgumentException(name + " claims shape " + Json.write(shapeList)
                        + ", more than the " + dataLength + "-byte data section holds");
            }
            count *= size;
        }
        if (!(entry.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)) {
            throw new IllegalArgumentException(name + ".data_offsets should be [begin, end], got "
                    + Json.write(entry.get("data_offsets")));
        }
        long expectedBytes = count * width;
        if (begin < 0 || end > dataLength || end - begin != expectedBytes) {
            throw new IllegalArgumentException(name + ".data_offsets [" + begin + ", " + end + "] should span "
                    + expectedBytes + " bytes (shape " + Json.write(shapeList) + " of " + dtype + ") inside the "
                    + dataLength + "-byte data section");
        }
        double[] values = new double[(int) count];
        int at = dataStart + (int) (long) begin;
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F64" -> buffer.getDouble(at + 8 * i);
                case "F32" -> buffer.getFloat(at + 4 * i);
                case "F16" -> halfToDouble(buffer.getShort(at + 2 * i));
                default -> Float.intBitsToFloat((buffer.getShort(at + 2 * i) & 0xFFFF) << 16);
            };
        }
        return new Tensor(name, dtype, shape, values);
    }

    /** IEEE 754 binary16 to double: sign, 5 exponent bits (bias 15), 10 fraction bits. */
    static double halfToDouble(short bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        if (exponent == 0) {
            return sign * fraction * 0x1p-24; // subnormal
        }
        if (exponent == 31) {
            return fraction == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return sign * (1024 + fraction) * Math.scalb(1.0, exponent - 25);
    }
}
