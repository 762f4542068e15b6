package org.nn4j.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rule the safetensors format sets for its data section: the tensors' byte ranges cover it exactly, one after
 * another, without overlap, gap or bytes that belong to no tensor. Checked before any tensor is decoded, it keeps
 * the memory a file can ask for proportional to its size: without it, thousands of header entries could all point
 * at the same bytes and each be decoded into its own array.
 */
final class DataSection {

    /** One tensor's {@code data_offsets}: bytes {@code [begin, end)} of the data section. */
    record Range(String name, long begin, long end) {

        @Override
        public String toString() {
            return name + " [" + begin + ", " + end + "]";
        }
    }

    private DataSection() {
    }

    /**
     * Checks that {@code ranges} (each already inside the data section and of the right length for its tensor)
     * cover its {@code length} bytes exactly: sorted by start, each begins where the one before ended, and the last
     * ends at the end.
     *
     * @throws IllegalArgumentException naming the tensors that overlap, or the bytes no tensor covers
     */
    static void requireExactCover(List<Range> ranges, long length) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end));
        long expected = 0;
        Range previous = null;
        for (Range r : sorted) {
            if (r.begin() < expected) {
                throw new IllegalArgumentException("the tensors " + previous + " and " + r + " overlap; in a"
                        + " safetensors file every byte of the data section belongs to exactly one tensor");
            }
            if (r.begin() > expected) {
                throw new IllegalArgumentException("bytes [" + expected + ", " + r.begin() + "] of the data section"
                        + " belong to no tensor (" + (previous == null ? "before " + r : "between " + previous
                        + " and " + r) + "); in a safetensors file the tensors cover the data section without gaps");
            }
            expected = r.end();
            previous = r;
        }
        if (expected != length) {
            throw new IllegalArgumentException("the last " + (length - expected) + " bytes of the " + length
                    + "-byte data section (from byte " + expected + (previous == null ? "" : ", after " + previous)
                    + ") belong to no tensor; in a safetensors file the tensors cover the data section exactly");
        }
    }
}
