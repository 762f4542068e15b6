package org.nn4j.data;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which cells mark a missing value: an empty cell, or one of the spellings spreadsheets, databases and data frames
 * write for one, in any case: {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code ?}. The same spellings hold
 * in every column, so that a gap is a gap whether the column holds numbers or text (as pandas reads them by
 * default). {@code None} and {@code -} are not among them: in a text column they are more often a value (a class
 * "none") than a gap.
 */
public final class MissingValues {

    /** The spellings, lower case; the empty cell is one too. */
    public static final List<String> SPELLINGS = List.of("", "na", "n/a", "nan", "null", "?");

    private static final Set<String> LOWER = Set.copyOf(SPELLINGS);

    private MissingValues() {
    }

    /** True when the cell marks a missing value. */
    public static boolean isMissing(String cell) {
        return cell.length() <= 4 && LOWER.contains(cell.toLowerCase(Locale.ROOT));
    }
}
