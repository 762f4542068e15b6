package org.nn4j.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Reads text line by line like {@link java.io.BufferedReader#readLine}, but refuses a line longer than a limit
 * before holding it in memory, so that a file without line breaks (or a binary file) cannot exhaust the heap. Ends of
 * line are {@code \n}, {@code \r\n} or {@code \r}. Used for tables and for what is typed at a prompt.
 */
public final class BoundedLines {

    private final Reader in;
    private final int maxChars;
    private final String source;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int lineNumber;
    private boolean afterCarriageReturn;

    /**
     * @param maxChars the longest line accepted
     * @param source what the text is, in messages ("iris.csv", "standard input")
     */
    public BoundedLines(Reader in, int maxChars, String source) {
        this.in = in;
        this.maxChars = maxChars;
        this.source = source;
    }

    /** The number of the line last returned, from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its end, or null at the end of the text.
     *
     * @throws IllegalArgumentException when the line is too long, or the reader's strict decoder finds bytes that
     *     are not UTF-8
     */
    public String next() throws IOException {
        try {
            return readLine();
        } catch (CharacterCodingException e) {
            // The decoder reads ahead, so the bad byte is on this line or one of the next few.
            throw new IllegalArgumentException(source + " is not UTF-8 text (from line " + (lineNumber + 1)
                    + " or a few lines after)");
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            char ch = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (ch == '\n') {
                    continue;
                }
            }
            if (ch == '\n' || ch == '\r') {
                afterCarriageReturn = ch == '\r';
                lineNumber++;
                return line.toString();
            }
            any = true;
            if (line.length() == maxChars) {
                throw new IllegalArgumentException(source + ", line " + (lineNumber + 1) + " is longer than "
                        + maxChars + " characters: not text nn4j can read (a binary file, or no line breaks?)");
            }
            line.append(ch);
        }
    }
}
