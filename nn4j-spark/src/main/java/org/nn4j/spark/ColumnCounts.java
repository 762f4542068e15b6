package org.nn4j.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.MissingValues;
import org.nn4j.data.NumberText;
import org.nn4j.data.Split;

/**
 * One pass over a partition of a table on the cluster, whatever each column turns out to be: for each column, its
 * present cells, how many are finite numbers and how many numbers at all (which decides numeric or categorical, as
 * on one machine), its distinct cells (up to {@value #MAX_CATEGORIES}, for a categorical column) and the
 * {@link Moments} of its numbers in the training rows; for the label, its distinct values with their training
 * rows (up to one more than a classification may have), whether all are numbers and whole, and a regression
 * label's moments; and how many rows of the partition fell into each part of the split.
 */
final class ColumnCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    /** More distinct labels than this are no classification, whatever else they are. */
    static final int MAX_LABELS = MemoryLimits.MAX_CLASSES + 1;

    /** A categorical column with more categories than this is refused: one input each would be too many. */
    static final int MAX_CATEGORIES = 1000;

    final long[] present;
    final long[] finite;
    final long[] numbers;
    final Map<Integer, TreeSet<String>> categories = new HashMap<>();
    final Map<String, Long> labels = new LinkedHashMap<>();
    /**
     * Per partition, by its number: the moments of each column in the training rows, then of a regression label;
     * kept apart so that they are merged in partition order, the same every run.
     */
    final TreeMap<Integer, Moments[]> moments = new TreeMap<>();
    /** Per partition, by its number: its rows in each part of the split. */
    final TreeMap<Integer, long[]> parts = new TreeMap<>();
    boolean labelsOverflow;
    boolean labelsAllNumbers = true;
    boolean labelsAllIntegers = true;

    /** The counts of partition {@code partition}, so far of no rows. */
    ColumnCounts(int columns, int partition) {
        present = new long[columns];
        finite = new long[columns];
        numbers = new long[columns];
        Moments[] mine = new Moments[columns + 1];
        for (int c = 0; c <= columns; c++) {
            mine[c] = new Moments();
        }
        moments.put(partition, mine);
        parts.put(partition, new long[3]);
        for (int c = 0; c < columns; c++) {
            categories.put(c, new TreeSet<>());
        }
    }

    /**
     * Counts {@code row}, a training row when {@code training}; a missing or non-finite label is an error naming
     * its line, as one machine's is.
     */
    ColumnCounts add(TableRow row, boolean training, int labelColumn, String source, String labelName) {
        String[] cells = row.cells();
        Moments[] mine = moments.firstEntry().getValue();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            if (!MissingValues.isMissing(cell)) {
                present[c]++;
                boolean number = NumberText.isNumber(cell);
                if (number || NumberText.isNonFinite(cell)) {
                    numbers[c]++;
                }
                if (number) {
                    finite[c]++;
                    if (training) {
                        mine[c].add(Double.parseDouble(cell));
                    }
                }
            }
            TreeSet<String> seen = categories.get(c);
            if (seen != null) {
                seen.add(FeatureColumn.categoryOf(cell));
                if (seen.size() > MAX_CATEGORIES) {
                    categories.remove(c);
                }
            }
        }
        String cell = cells[labelColumn];
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
            if (training) {
                mine[cells.length].add(v);
            }
        } else {
            labelsAllNumbers = false;
        }
        if (!labelsOverflow) {
            labels.merge(cell, training ? 1L : 0L, Long::sum);
            labelsOverflow = labels.size() > MAX_LABELS;
        }
        parts.firstEntry().getValue()[row.part()]++;
        return this;
    }

    /** Adds the counts of other partitions. */
    ColumnCounts plus(ColumnCounts other) {
        moments.putAll(other.moments);
        parts.putAll(other.parts);
        for (int c = 0; c < present.length; c++) {
            present[c] += other.present[c];
            finite[c] += other.finite[c];
            numbers[c] += other.numbers[c];
            TreeSet<String> seen = categories.get(c);
            TreeSet<String> more = other.categories.get(c);
            if (seen != null && more != null) {
                seen.addAll(more);
            }
            if (seen == null || more == null || seen.size() > MAX_CATEGORIES) {
                categories.remove(c);
            }
        }
        labelsAllNumbers &= other.labelsAllNumbers;
        labelsAllIntegers &= other.labelsAllIntegers;
        labelsOverflow |= other.labelsOverflow;
        for (Map.Entry<String, Long> entry : other.labels.entrySet()) {
            if (labelsOverflow) {
                break;
            }
            labels.merge(entry.getKey(), entry.getValue(), Long::sum);
            labelsOverflow = labels.size() > MAX_LABELS;
        }
        return this;
    }

    /** The rows in each part of the split. */
    long[] partTotals() {
        long[] totals = new long[3];
        for (long[] p : parts.values()) {
            for (int i = 0; i < 3; i++) {
                totals[i] += p[i];
            }
        }
        return totals;
    }

    long rows() {
        long[] totals = partTotals();
        return totals[Split.TRAIN] + totals[Split.VALIDATION] + totals[Split.TEST];
    }

    /** The training rows' moments of column {@code c} (the label's for {@code c} = columns), merged in order. */
    Moments moments(int c) {
        Moments all = new Moments();
        for (Moments[] partition : moments.values()) {
            all.merge(partition[c]);
        }
        return all;
    }

    /** For each partition (by number), the rows of part {@code part} in the partitions before it. */
    long[] offsets(int part, int partitions) {
        long[] offsets = new long[partitions];
        long sum = 0;
        for (int p = 0; p < partitions; p++) {
            offsets[p] = sum;
            long[] counts = parts.get(p);
            sum += counts == null ? 0 : counts[part];
        }
        return offsets;
    }
}
