package org.nn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any safetensors file, such as one written by Python's {@code safetensors.torch.save_file}: the tensors
 * by name, in the header's order. F64, F32, F16 and BF16 are read, and the integer types (I64 … U8, BOOL) so that
 * a caller can name a tensor it does not use; the values are returned as doubles, exactly (integers up to
 * 2<sup>53</sup>). As with {@link ModelFile}, every length, shape and offset is checked against the file before
 * anything is allocated for it, and the tensors must cover the data section exactly, as the format requires
 * ({@link DataSection}): so the decoded values take at most four times the file's size (F16 to double).
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

        /** True for F64, F32, F16 and BF16: the types a network's weights can be read from. */
        public boolean isFloatingPoint() {
            return SafetensorsFile.isFloatingPoint(dtype);
        }

        /** The shape as PyTorch prints it, e.g. {@code [16, 4]}. */
        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private SafetensorsFile() {
    }

    /**
     * Every tensor of the file, in the order the header lists them; {@code __metadata__} is skipped. Integer tensors
     * (such as a BatchNorm layer's {@code num_batches_tracked}) are read too, so that the caller can say which layer
     * it does not support.
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = FileBytes.read(file, "Model file", "a safetensors file");
        try {
            return decode(bytes, true).tensors();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "is not a valid safetensors file: " + e.getMessage());
        }
    }

    /** Decodes the bytes of a safetensors file; throws IllegalArgumentException naming the problem. */
    static Map<String, Tensor> decode(byte[] bytes) {
        return decodeWithMetadata(bytes).tensors();
    }

    /** The tensors and the string metadata of a file of floating-point tensors, as nn4j writes them. */
    static Contents decodeWithMetadata(byte[] bytes) {
        return decode(bytes, false);
    }

    /** The tensors and the string metadata of a file, and what its checksum covered. */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata,
            SafetensorsWriter.Coverage checksum) {
    }

    /**
     * Decodes tensors and metadata, and verifies the data against the metadata's checksum when there is one;
     * throws IllegalArgumentException naming the problem.
     *
     * @param integers whether integer tensors are read too, or refused
     */
    private static Contents decode(byte[] bytes, boolean integers) {
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
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Layout> layouts = new ArrayList<>();
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
            layouts.add(layout(name, entry, dataLength, integers));
        }
        // Before decoding anything: aliased entries would otherwise each be decoded into an array of their own.
        List<DataSection.Range> ranges = new ArrayList<>();
        for (Layout l : layouts) {
            ranges.add(l.range());
        }
        DataSection.requireExactCover(ranges, dataLength);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Layout l : layouts) {
            tensors.put(l.range().name(), decode(l, buffer, dataStart));
        }
        SafetensorsWriter.Coverage checksum = SafetensorsWriter.verify(metadata, bytes, dataStart);
        return new Contents(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata), checksum);
    }

    /** Where one tensor's values are and how to read them, checked against the data section. */
    private record Layout(DataSection.Range range, String dtype, long[] shape, int count) {
    }

    private static Layout layout(String name, Map<?, ?> entry, long dataLength, boolean integers) {
        Object dtypeValue = entry.get("dtype");
        String dtype = dtypeValue instanceof String s ? s : String.valueOf(dtypeValue);
        int width = !isFloatingPoint(dtype) && !integers ? 0 : switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
        if (width == 0) {
            throw new IllegalArgumentException(name + " has dtype " + dtype + "; nn4j reads the floating-point types"
                    + " F64, F32, F16 and BF16" + (integers ? ", and the integer types I64 to U8 and BOOL" : ""));
        }
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
        return new Layout(new DataSection.Range(name, begin, end), dtype, shape, (int) count);
    }

    private static Tensor decode(Layout layout, ByteBuffer buffer, int dataStart) {
        double[] values = new double[layout.count()];
        int at = dataStart + (int) layout.range().begin();
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (layout.dtype()) {
                case "F64" -> buffer.getDouble(at + 8 * i);
                case "F32" -> buffer.getFloat(at + 4 * i);
                case "F16" -> halfToDouble(buffer.getShort(at + 2 * i));
                case "BF16" -> Float.intBitsToFloat((buffer.getShort(at + 2 * i) & 0xFFFF) << 16);
                case "I64" -> buffer.getLong(at + 8 * i);
                case "U64" -> unsignedLongToDouble(buffer.getLong(at + 8 * i));
                case "I32" -> buffer.getInt(at + 4 * i);
                case "U32" -> buffer.getInt(at + 4 * i) & 0xFFFF_FFFFL;
                case "I16" -> buffer.getShort(at + 2 * i);
                case "U16" -> buffer.getShort(at + 2 * i) & 0xFFFF;
                case "I8" -> buffer.get(at + i);
                default -> buffer.get(at + i) & 0xFF; // U8, BOOL
            };
        }
        return new Tensor(layout.range().name(), layout.dtype(), layout.shape(), values);
    }

    private static boolean isFloatingPoint(String dtype) {
        return dtype.equals("F64") || dtype.equals("F32") || dtype.equals("F16") || dtype.equals("BF16");
    }

    private static double unsignedLongToDouble(long bits) {
        double value = bits & Long.MAX_VALUE;
        return bits < 0 ? value + 0x1p63 : value;
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
