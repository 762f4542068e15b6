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
 * {@value #FILE_CHECKSUM_KEY} entry that readers verify, so a damaged file is refused instead of loaded with wrong
 * weights or a wrong preprocessing. The checksum is the CRC-32C of the whole file (length field, header, padding
 * and data) as written with its own eight hexadecimal digits set to {@code 0}. Files written before it carry
 * {@value #CHECKSUM_KEY} instead, the CRC-32C of the data section alone, which is still verified.
 */
final class SafetensorsWriter {

    /** The older checksum: the data section only; read, no longer written. */
    static final String CHECKSUM_KEY = "checksum";

    /** The checksum of the whole file, header included. */
    static final String FILE_CHECKSUM_KEY = "file_checksum";

    private static final String CRC_PREFIX = "crc32c:";
    private static final String PLACEHOLDER = CRC_PREFIX + "00000000";

    /** What a file's checksum covered, once verified. */
    enum Coverage {
        /** Header and data: written by this nn4j. */
        WHOLE_FILE,
        /** The data section only: written by an older nn4j, so a damaged header would go unnoticed. */
        DATA_ONLY,
        /** No checksum at all: written before checksums, or by another program. */
        NONE
    }

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
        meta.put(FILE_CHECKSUM_KEY, PLACEHOLDER);
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + dataLength)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(data.array());
        byte[] bytes = out.array();
        int digits = checksumDigitsAt(bytes, 8 + json.length, PLACEHOLDER);
        byte[] crc = wholeFileChecksum(bytes, digits).substring(CRC_PREFIX.length())
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(crc, 0, bytes, digits, crc.length);
        return bytes;
    }

    /**
     * Where the eight hexadecimal digits of {@code "file_checksum":"<value>"} start in the header, or -1: the first
     * occurrence of the exact entry, which the writer puts there once.
     */
    private static int checksumDigitsAt(byte[] bytes, int headerEnd, String value) {
        byte[] entry = (Json.write(FILE_CHECKSUM_KEY) + ":" + Json.write(value)).getBytes(StandardCharsets.UTF_8);
        outer:
        for (int at = 8; at + entry.length <= headerEnd; at++) {
            for (int i = 0; i < entry.length; i++) {
                if (bytes[at + i] != entry[i]) {
                    continue outer;
                }
            }
            return at + entry.length - 1 - 8;
        }
        return -1;
    }

    /** The CRC-32C of the whole file, read with the eight digits at {@code digits} as {@code 0}. */
    private static String wholeFileChecksum(byte[] bytes, int digits) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, digits);
        crc.update(PLACEHOLDER.getBytes(StandardCharsets.US_ASCII), CRC_PREFIX.length(), 8);
        crc.update(bytes, digits + 8, bytes.length - digits - 8);
        return String.format("%s%08x", CRC_PREFIX, crc.getValue());
    }

    /** {@code crc32c:} and eight hexadecimal digits. */
    static String checksum(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return String.format("crc32c:%08x", crc.getValue());
    }

    /**
     * Checks the file against the checksum its metadata holds: the whole-file one when there is one, else the
     * older data-only one, else nothing (files written before checksums were added have none).
     *
     * @return what the verified checksum covered
     * @throws IllegalArgumentException when they differ: the file was damaged after it was written
     */
    static Coverage verify(Map<?, ?> metadata, byte[] bytes, int dataStart) {
        Object whole = metadata.get(FILE_CHECKSUM_KEY);
        if (whole != null) {
            String expected = String.valueOf(whole);
            int digits = expected.startsWith(CRC_PREFIX) && expected.length() == PLACEHOLDER.length()
                    ? checksumDigitsAt(bytes, dataStart, expected) : -1;
            if (digits < 0) {
                throw new IllegalArgumentException("__metadata__." + FILE_CHECKSUM_KEY + " should be " + CRC_PREFIX
                        + " and eight hexadecimal digits, written once in the header, got "
                        + Json.write(expected.length() > 40 ? expected.substring(0, 37) + "..." : expected));
            }
            String actual = wholeFileChecksum(bytes, digits);
            if (!actual.equals(expected)) {
                throw new IllegalArgumentException("the file does not match its checksum (" + expected
                        + " in the header, " + actual + " in the file): the file is damaged");
            }
            return Coverage.WHOLE_FILE;
        }
        Object dataOnly = metadata.get(CHECKSUM_KEY);
        if (dataOnly == null) {
            return Coverage.NONE;
        }
        String actual = checksum(bytes, dataStart, bytes.length - dataStart);
        if (!actual.equals(dataOnly)) {
            throw new IllegalArgumentException("the tensor data do not match the header's checksum (" + dataOnly
                    + " in the header, " + actual + " in the data): the file is damaged");
        }
        return Coverage.DATA_ONLY;
    }
}
