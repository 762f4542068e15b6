package org.nn4j.data;

import java.util.Locale;

/**
 * How large a table nn4j takes on, sized from the Java heap so that a table inside the limits is read, encoded and
 * trained on without running out of memory, and one outside them is refused up front with a message that names
 * the limit and how to raise it. The budget: a cell costs about 6 bytes once read ({@link Table} keeps cells as one
 * text with their ends) and 8 more for each copy as a double (the encoded inputs, then the training and test
 * rows), so {@value #BYTES_PER_CELL} bytes a cell leaves room for the network and the JVM; the encoded inputs and
 * targets together may take a quarter of the heap.
 *
 * @param heapBytes the largest heap the JVM will use ({@link Runtime#maxMemory()})
 */
public record MemoryLimits(long heapBytes) {

    /** The bytes a cell of the table may cost, through reading, encoding and splitting. */
    public static final int BYTES_PER_CELL = 40;

    /** More classes than this are not a classification nn4j can learn from a table. */
    public static final int MAX_CLASSES = 1000;

    /** The limits of this JVM's heap. */
    public static MemoryLimits ofThisJvm() {
        return new MemoryLimits(Runtime.getRuntime().maxMemory());
    }

    /** The most cells a table may have. */
    public long maxCells() {
        return Math.min(heapBytes / BYTES_PER_CELL, Integer.MAX_VALUE - 16);
    }

    /** The most characters a table's cells may hold in all (two bytes each at most, an eighth of the heap). */
    public long maxChars() {
        return Math.min(heapBytes / 16, Integer.MAX_VALUE - 16);
    }

    /** The most numbers the encoded inputs and targets may hold together: a quarter of the heap of doubles. */
    public long maxEncodedValues() {
        return heapBytes / 4 / Double.BYTES;
    }

    /** The heap in words, e.g. {@code 4.0 GiB}. */
    public String heapText() {
        return String.format(Locale.ROOT, "%.1f GiB", heapBytes / (double) (1L << 30));
    }

    /** How to raise the limits, for the end of a message. */
    public String howToRaise() {
        return "the limit follows the Java heap (now " + heapText() + "): give a larger one with JAVA_OPTS=-Xmx16g"
                + " (./nn4j passes JAVA_OPTS to Java) or java -Xmx16g";
    }
}
