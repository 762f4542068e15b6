package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.MissingValues;
import org.nn4j.data.NumberText;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.metrics.Task;

/**
 * {@link Preprocessing#fit}'s rules carried out on the executors over a {@link SparkTable}, in one pass of sums
 * ({@link ColumnCounts}) and, for median imputation, the passes of {@link ExactMedians}: which columns are inputs
 * ({@link InputSettings}), numeric or categorical (fewer than half the present cells numbers), the categories and
 * classes (from all rows), and from the training rows each numeric column's fill value (median or mean of its
 * values), its mean and population standard deviation after filling, and a regression label's mean and deviation.
 * The driver receives only counts, moments and category lists.
 */
final class SparkFitting {

    /**
     * What the passes found: the preprocessing, the task's origin, and the rows of each part and each class.
     *
     * @param counts the first pass's counts, which also say where each part's rows start in each partition
     */
    record Result(Preprocessing preprocessing, boolean taskInferred, ColumnCounts counts, long[] classCounts) {

        long rows() {
            return counts.rows();
        }

        long[] parts() {
            return counts.partTotals();
        }
    }

    private SparkFitting() {
    }

    /**
     * Fits the preprocessing of {@code table} for {@code label}; {@code task} null infers it. With {@code tiny},
     * every row counts as a training row.
     */
    static Result fit(SparkTable table, String label, Task task, InputSettings settings, boolean tiny) {
        int labelIndex = table.requireColumn(label, "label");
        if (table.columns.size() < 2) {
            throw new IllegalArgumentException(table.source + " has only the label column; it needs at least one"
                    + " feature column too");
        }
        // The same choice as on one machine, made from the header alone.
        List<Integer> chosen = settings.chooseColumns(Table.of(table.source, table.columns, List.of()), labelIndex);
        String source = table.source;
        List<String> columns = table.columns;
        int width = columns.size();
        ColumnCounts counts = table.rows.mapPartitionsWithIndex((p, rows) -> {
            ColumnCounts mine = new ColumnCounts(width, p);
            while (rows.hasNext()) {
                TableRow row = rows.next();
                mine.add(row, tiny || row.part() == Split.TRAIN, labelIndex, source, label);
            }
            return List.of(mine).iterator();
        }, true).reduce(ColumnCounts::plus);
        long rows = counts.rows();
        long training = tiny ? rows : counts.partTotals()[Split.TRAIN];
        if (training == 0) {
            throw new IllegalArgumentException(source + ": no rows are left for training");
        }
        Task chosenTask = task != null ? task : inferTask(counts);
        boolean[] numeric = new boolean[width];
        for (int c : chosen) {
            if (counts.present[c] == 0) {
                throw new IllegalArgumentException(source + ": the column '" + columns.get(c) + "' holds no values,"
                        + " only gaps; leave it out with --drop " + columns.get(c));
            }
            numeric[c] = 2 * counts.numbers[c] >= counts.present[c];
            if (numeric[c] && counts.finite[c] < counts.present[c]) {
                throw firstNonNumber(table, c);
            }
            if (!numeric[c] && !counts.categories.containsKey(c)) {
                throw new IllegalArgumentException(source + ": the column '" + columns.get(c) + "' has more than "
                        + ColumnCounts.MAX_CATEGORIES + " distinct texts, too many categories to give each an input"
                        + " on Spark; leave it out with --drop " + columns.get(c));
            }
            if (numeric[c] && counts.moments(c).count == 0) {
                throw new IllegalArgumentException(source + ": the column '" + columns.get(c) + "' has no values in"
                        + " the " + training + " training rows, so nothing to fill its gaps with; leave it out with"
                        + " --drop " + columns.get(c));
            }
        }
        double[] medians = settings.impute() == Imputation.MEDIAN ? medians(table, numeric, counts, tiny)
                : new double[width];
        List<FeatureColumn> features = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (chosen.contains(c) && numeric[c]) {
                Moments known = counts.moments(c);
                double fill = settings.impute() == Imputation.MEDIAN ? medians[c] : known.mean;
                double[] filled = known.filled(training - known.count, fill);
                features.add(new FeatureColumn(columns.get(c), filled[0], scale(filled[1], training), List.of(), fill,
                        settings.missingIndicator() && known.count < training));
            } else if (chosen.contains(c)) {
                features.add(new FeatureColumn(columns.get(c), 0.0, 1.0, new ArrayList<>(counts.categories.get(c))));
            } else if (c != labelIndex) {
                ignored.add(columns.get(c));
            }
        }
        LabelColumn labelColumn;
        long[] classCounts;
        if (chosenTask == Task.REGRESSION) {
            if (!counts.labelsAllNumbers) {
                throw firstNonNumber(table, labelIndex);
            }
            Moments moments = counts.moments(width);
            labelColumn = new LabelColumn(label, chosenTask, List.of(), moments.mean, scale(moments.m2, training));
            classCounts = new long[0];
        } else {
            List<String> classes = classes(table, counts, chosenTask, label);
            labelColumn = new LabelColumn(label, chosenTask, classes, 0.0, 1.0);
            classCounts = new long[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                classCounts[k] = counts.labels.get(classes.get(k));
            }
        }
        return new Result(new Preprocessing(features, labelColumn, ignored), task == null, counts, classCounts);
    }

    /** The population standard deviation from the sum of squared deviations, or 1 for a constant column. */
    private static double scale(double squares, long count) {
        double sd = Math.sqrt(squares / count);
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }

    private static double[] medians(SparkTable table, boolean[] numeric, ColumnCounts counts, boolean tiny) {
        int width = numeric.length;
        long[] count = new long[width];
        double[] min = new double[width];
        double[] max = new double[width];
        for (int c = 0; c < width; c++) {
            if (numeric[c]) {
                Moments m = counts.moments(c);
                count[c] = m.count;
                min[c] = m.min;
                max[c] = m.max;
            }
        }
        return ExactMedians.of(table.rows, (row, c) -> {
            String cell = row.cells()[c];
            return (tiny || row.part() == Split.TRAIN) && NumberText.isNumber(cell) ? Double.parseDouble(cell)
                    : Double.NaN;
        }, count, min, max);
    }

    /** The error one machine gives for the first cell of a numeric column that is not a finite number. */
    private static IllegalArgumentException firstNonNumber(SparkTable table, int c) {
        String name = table.columns.get(c);
        List<TableRow> first = table.rows.filter(row -> !MissingValues.isMissing(row.cells()[c])
                && !NumberText.isNumber(row.cells()[c])).take(1);
        if (first.isEmpty()) {
            return new IllegalArgumentException(table.source + ": the column '" + name + "' is not numeric");
        }
        String cell = first.get(0).cells()[c];
        String where = first.get(0).where(table.source, name);
        if (NumberText.isNonFinite(cell)) {
            return new IllegalArgumentException(where + ": expected a finite number, got '" + cell
                    + "' (infinity cannot be learned from)");
        }
        return new IllegalArgumentException(where + ": expected a number, got '"
                + (cell.length() > 40 ? cell.substring(0, 37) + "..." : cell) + "'");
    }

    private static Task inferTask(ColumnCounts counts) {
        int distinct = counts.labels.size();
        if (counts.labelsAllNumbers && !(counts.labelsAllIntegers && !counts.labelsOverflow
                && distinct <= Preprocessing.MAX_INTEGER_CLASSES)) {
            return Task.REGRESSION;
        }
        return distinct == 2 ? Task.BINARY : Task.MULTICLASS;
    }

    private static List<String> classes(SparkTable table, ColumnCounts counts, Task task, String label) {
        long rows = counts.rows();
        int distinct = counts.labels.size();
        if (distinct < 2) {
            throw new IllegalArgumentException(table.source + ": the label column '" + label + "' has only one class,"
                    + " '" + counts.labels.keySet().iterator().next() + "'; classification needs at least 2");
        }
        if (counts.labelsOverflow || rows >= 100 && distinct > rows / 2) {
            throw new IllegalArgumentException(table.source + ": the label column '" + label + "' has "
                    + (counts.labelsOverflow ? "more than " + MemoryLimits.MAX_CLASSES : distinct) + " distinct"
                    + " values in " + rows + " rows, too many to be classes (nn4j takes at most "
                    + MemoryLimits.MAX_CLASSES + " classes, and at most one class for every 2 rows); "
                    + (counts.labelsAllNumbers ? "to predict them as a quantity, use --task regression"
                            : "choose another label column, or group its values into fewer classes"));
        }
        Comparator<String> order = counts.labelsAllNumbers ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(counts.labels.keySet());
        if (task == Task.BINARY && sorted.size() > 2) {
            throw new IllegalArgumentException(table.source + ": binary classification needs 2 classes, but the label"
                    + " column '" + label + "' has " + sorted.size() + "; use multiclass");
        }
        return new ArrayList<>(sorted);
    }
}
