package org.nn4j.data;

import java.util.Arrays;

/**
 * The cells of a table, kept compactly: all their text in one string builder (one byte a character for Latin-1
 * text) and where each cell ends, about 6 bytes for a short cell where a String of its own costs about 56.
 * A cell's String is made when asked for.
 */
final class CellStore {

    private final StringBuilder text = new StringBuilder();
    private int[] ends = new int[1024];
    private int count;

    void add(String cell) {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, (int) Math.min(Integer.MAX_VALUE - 16, 2L * ends.length));
        }
        text.append(cell);
        ends[count++] = text.length();
    }

    String get(int index) {
        return text.substring(index == 0 ? 0 : ends[index - 1], ends[index]);
    }

    int count() {
        return count;
    }

    /** The characters of all cells together. */
    long chars() {
        return text.length();
    }

    /** Gives back the room kept for growth, once every cell is in. */
    void trim() {
        text.trimToSize();
        ends = Arrays.copyOf(ends, count);
    }
}
