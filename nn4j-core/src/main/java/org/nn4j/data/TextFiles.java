package org.nn4j.data;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens the text files nn4j reads (CSV tables) with the same plain-words refusals everywhere: a missing file, a
 * folder, a device or pipe (which could be read for ever), and text that is not UTF-8, named with the first line
 * that holds a byte UTF-8 does not allow.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * A reader of the file's UTF-8 text. Reading text that is not UTF-8 fails with an IOException whose message
     * names the file and the line.
     *
     * @param what the kind of file, capitalised as it starts a message ("The data file", "The input file")
     */
    public static BufferedReader open(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(what + " '" + file + "' is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(what + " '" + file + "' is not a regular file (a device, pipe or socket?); nn4j"
                    + " reads tables from regular files, or from standard input with '-'");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException(what + " '" + file + "' does not exist");
        } catch (AccessDeniedException e) {
            throw new IOException(what + " '" + file + "' cannot be read (permission denied)");
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        return new BufferedReader(new FilterReader(new InputStreamReader(in, strict)) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (CharacterCodingException e) {
                    throw new IOException(notUtf8(file, what));
                }
            }
        });
    }

    /** The message for a file that is not UTF-8: the first line holding a byte sequence UTF-8 does not allow. */
    static String notUtf8(Path file, String what) throws IOException {
        String where = "";
        try (InputStream in = Files.newInputStream(file)) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            long line = 1;
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                boolean end = n < 0;
                bytes.position(bytes.position() + Math.max(n, 0));
                bytes.flip();
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, end);
                for (int i = start; i < bytes.position(); i++) {
                    line += bytes.get(i) == '\n' ? 1 : 0;
                }
                chars.clear();
                if (result.isError()) {
                    where = ": line " + line + " holds the byte " + String.format("0x%02X", bytes.get()
                            & 0xFF) + ", which UTF-8 does not allow there";
                    break;
                }
                if (end) {
                    break;
                }
                bytes.compact();
            }
        }
        return what + " '" + file + "' is not UTF-8 text" + where + " (a Latin-1 or Windows-1252 file? save it as"
                + " UTF-8, e.g. iconv -f latin1 -t utf-8)";
    }
}
