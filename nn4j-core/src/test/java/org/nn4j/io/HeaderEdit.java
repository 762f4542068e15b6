package org.nn4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Rewrites the JSON header of a model or checkpoint file and then recomputes its whole-file checksum, as someone
 * crafting a hostile file would: the edit reaches the parser past the checksum.
 */
final class HeaderEdit {

    private static final String PLACEHOLDER = "\"file_checksum\":\"crc32c:00000000\"";

    private HeaderEdit() {
    }

    /** The file with its header replaced by {@code edit} of it, padded and sealed with a valid checksum. */
    static byte[] apply(byte[] file, UnaryOperator<String> edit) {
        int length = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 8, length, StandardCharsets.UTF_8).stripTrailing();
        String edited = edit.apply(header).replaceFirst("\"file_checksum\":\"[^\"]*\"", PLACEHOLDER);
        byte[] json = edited.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        int dataLength = file.length - 8 - length;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(file, 8 + length, dataLength);
        byte[] bytes = out.array();
        int at = edited.indexOf(PLACEHOLDER);
        if (at >= 0) {
            // The checksum is computed with its own digits read as zeros, which they are here.
            String crc = SafetensorsWriter.checksum(bytes, 0, bytes.length).substring("crc32c:".length());
            int digits = 8 + edited.substring(0, at).getBytes(StandardCharsets.UTF_8).length + PLACEHOLDER.length() - 9;
            System.arraycopy(crc.getBytes(StandardCharsets.US_ASCII), 0, bytes, digits, 8);
        }
        return bytes;
    }

    /** The file as an nn4j from before whole-file checksums wrote it: the data section's CRC-32C only. */
    static byte[] withOlderChecksum(byte[] file) {
        int length = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String dataOnly = SafetensorsWriter.checksum(file, 8 + length, file.length - 8 - length);
        byte[] bytes = file.clone();
        String header = new String(file, 8, length, StandardCharsets.UTF_8);
        // Same length: "checksum" is 5 characters shorter than "file_checksum", made up with spaces.
        String older = header.replaceFirst("\"file_checksum\":\"[^\"]*\"", "\"checksum\":\"" + dataOnly + "\"     ");
        System.arraycopy(older.getBytes(StandardCharsets.UTF_8), 0, bytes, 8, length);
        return bytes;
    }
}
