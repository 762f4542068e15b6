package org.nn4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Assembles the bytes of a safetensors file: tensors in the order added, string metadata, and a
 * {@value #CHECKSUM_KEY} entry (CRC-32C of the data section) that readers verify, so a damaged file is refused
 * instead of loaded with wrong weights.
 */
final class SafetensorsWriter {

    static final String CHECKSUM_KEY = "checksum";

    private record Entry(String name, boolean f32, List<Integer> shape, double[] values) {
    }

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor, stored as F32 when {@code f32} (the values must then be floats), else F64. */
    SafetensorsWriter tensor(String name, boolean f32, List<Integer> shape, double[] values) {
        entries.add(new Entry(name, f32, List.copyOf(shape), values));
        return this;
    }

    byte[] toBytes() {
        long dataLength = 0;
        for (Entry e : entries) {
            dataLength += (long) (e.f32 ? 4 : 8) * e.values.length;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(dataLength)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        header.put("__metadata__", meta);
        for (Entry e : entries) {
            long begin = data.position();
            for (double v : e.values) {
                if (e.f32) {
                    data.putFloat((float) v);
                } else {
                    data.putDouble(v);
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", e.f32 ? "F32" : "F64");
            entry.put("shape", e.shape);
            entry.put("data_offsets", List.of(begin, (long) data.position()));
            header.put(e.name, entry);
        }
        meta.put(CHECKSUM_KEY, checksum(data.array(), 0, data.capacity()));
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + dataLength)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(data.array());
        return out.array();
    }

    /** {@code crc32c:} and eight hexadecimal digits. */
    static String checksum(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return String.format("crc32c:%08x", crc.getValue());
    }

    /**
     * Checks the data section against the header's checksum, when the header has one (files written before
     * checksums were added have none).
     *
     * @throws IllegalArgumentException when they differ: the file was damaged after it was written
     */
    static void verify(Object checksum, byte[] bytes, int dataStart) {
        if (checksum == null) {
            return;
        }
        String actual = checksum(bytes, dataStart, bytes.length - dataStart);
        if (!actual.equals(checksum)) {
            throw new IllegalArgumentException("the tensor data do not match the header's checksum (" + checksum
                    + " in the header, " + actual + " in the data): the file is damaged");
        }
    }
}
