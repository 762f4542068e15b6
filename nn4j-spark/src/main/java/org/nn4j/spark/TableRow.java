package org.nn4j.spark;

import java.io.Serializable;

/**
 * One row of a table read by Spark, as text cells (a gap is the empty cell), with its position in the table
 * (counted from 0, in the order the files hold the rows) and the part of the split it fell into.
 */
record TableRow(long index, int part, String[] cells) implements Serializable {

    /** Where the row is, as errors name it: its line in a CSV file with a header row. */
    String where(String source, String column) {
        return source + ", line " + (index + 2) + ", column '" + column + "'";
    }
}
