package org.nn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.MissingValues;
import org.nn4j.data.NumberText;
import org.nn4j.data.Split;

/**
 * The first pass over a table on the cluster, summed over partitions: for each column, its present cells and how
 * many of them are numbers (which decides numeric or categorical, as on one machine); for the label, its distinct
 * values (up to one more than a classification may have), whether all are numbers and whole; and how many rows
 * fell into each part of the split.
 */
final class ColumnCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    /** More distinct labels than this are no classification, whatever else they are. */
    static final int MAX_LABELS = MemoryLimits.MAX_CLASSES + 1;

    final long[] present;
    final long[] numbers;
    final long[] parts = new long[3];
    final Set<String> labels = new LinkedHashSet<>();
    boolean labelsOverflow;
    boolean labelsAllNumbers = true;
    boolean labelsAllIntegers = true;

    ColumnCounts(int columns) {
        present = new long[columns];
        numbers = new long[columns];
    }

    /**
     * Counts {@code row}; a missing or non-finite label is an error naming its line, as one machine's is.
     */
    ColumnCounts add(TableRow row, int label, String source, String labelName) {
        String[] cells = row.cells();
        for (int c = 0; c < cells.length; c++) {
            if (!MissingValues.isMissing(cells[c])) {
                present[c]++;
                if (NumberText.isNumber(cells[c]) || NumberText.isNonFinite(cells[c])) {
                    numbers[c]++;
                }
            }
        }
        String cell = cells[label];
        if (MissingValues.isMissing(cell)) {
            throw new IllegalArgumentException(row.where(source, labelName) + ": the label is missing (every row"
                    + " needs one)");
        }
        if (NumberText.isNonFinite(cell)) {
            throw new IllegalArgumentException(row.where(source, labelName) + ": expected a label, got '" + cell
                    + "' (NaN and infinity cannot be learned from)");
        }
        if (NumberText.isNumber(cell)) {
            double v = Double.parseDouble(cell);
            labelsAllIntegers &= v == Math.rint(v);
        } else {
            labelsAllNumbers = false;
        }
        if (!labelsOverflow) {
            labels.add(cell);
            labelsOverflow = labels.size() > MAX_LABELS;
        }
        parts[row.part()]++;
        return this;
    }

    ColumnCounts plus(ColumnCounts other) {
        for (int c = 0; c < present.length; c++) {
            present[c] += other.present[c];
            numbers[c] += other.numbers[c];
        }
        for (int p = 0; p < parts.length; p++) {
            parts[p] += other.parts[p];
        }
        labelsAllNumbers &= other.labelsAllNumbers;
        labelsAllIntegers &= other.labelsAllIntegers;
        labelsOverflow |= other.labelsOverflow;
        for (String label : other.labels) {
            if (labelsOverflow) {
                break;
            }
            labels.add(label);
            labelsOverflow = labels.size() > MAX_LABELS;
        }
        return this;
    }

    long rows() {
        return parts[Split.TRAIN] + parts[Split.VALIDATION] + parts[Split.TEST];
    }
}
