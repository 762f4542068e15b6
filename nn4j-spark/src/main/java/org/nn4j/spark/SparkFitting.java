package org.nn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Imputation;
import org.nn4j.data.InputSettings;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.MemoryLimits;
import org.nn4j.data.MissingValues;
import org.nn4j.data.NumberText;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.metrics.Task;
import scala.Tuple2;

/**
 * {@link Preprocessing#fit}'s rules carried out on the executors, in passes over a {@link SparkTable} whose results
 * are sums: which columns are inputs ({@link InputSettings}), numeric or categorical (fewer than half the present
 * cells numbers), the categories and classes (from all rows), and, from the training rows, each numeric column's
 * fill value (median or mean of its values; the median exactly, by sorting them on the executors), its mean and
 * population standard deviation after filling, and a regression label's mean and deviation. The driver receives
 * only counts, sums and the category lists.
 */
final class SparkFitting {

    /** What the passes found: the preprocessing, the task's origin, and the rows of each part and class. */
    record Result(Preprocessing preprocessing, boolean taskInferred, long rows, long[] parts, long[] classCounts) {
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
        List<Integer> chosen = chooseColumns(table, labelIndex, settings);
        String source = table.source;
        int width = table.columns.size();
        ColumnCounts counts = table.rows.aggregate(new ColumnCounts(width),
                (sum, row) -> sum.add(row, labelIndex, source, label), ColumnCounts::plus);
        long rows = counts.rows();
        if (rows == 0) {
            throw new IllegalArgumentException(source + ": no rows are left for training");
        }
        Task chosenTask = task != null ? task : inferTask(counts);
        boolean[] numeric = new boolean[width];
        for (int c : chosen) {
            if (counts.present[c] == 0) {
                throw new IllegalArgumentException(source + ": the column '" + table.columns.get(c) + "' holds no"
                        + " values, only gaps; leave it out with --drop " + table.columns.get(c));
            }
            numeric[c] = 2 * counts.numbers[c] >= counts.present[c];
        }
        boolean[] categorical = new boolean[width];
        for (int c : chosen) {
            categorical[c] = !numeric[c];
        }
        List<String> classes = chosenTask == Task.REGRESSION ? List.of() : classes(table, counts, chosenTask, label);
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        boolean regression = chosenTask == Task.REGRESSION;
        List<String> columns = table.columns;
        Sums sums = table.rows.aggregate(new Sums(width, classes.size()), (sum, row) -> sum.add(row, numeric,
                categorical, labelIndex, regression, classIndex, tiny, source, columns), Sums::plus);
        double[] fill = new double[width];
        double[] mean = new double[width];
        long training = tiny ? rows : counts.parts[Split.TRAIN];
        for (int c : chosen) {
            if (numeric[c] && sums.known[c] == 0) {
                throw new IllegalArgumentException(source + ": the column '" + columns.get(c) + "' has no values in"
                        + " the " + training + " training rows, so nothing to fill its gaps with; leave it out with"
                        + " --drop " + columns.get(c));
            }
            if (numeric[c]) {
                fill[c] = sums.sum[c] / sums.known[c];
            }
        }
        if (settings.impute() == Imputation.MEDIAN) {
            medians(table, numeric, sums.known, tiny, fill);
        }
        for (int c : chosen) {
            if (numeric[c]) {
                mean[c] = (sums.sum[c] + (training - sums.known[c]) * fill[c]) / training;
            }
        }
        double labelMean = regression ? sums.labelSum / training : 0;
        double[] squares = table.rows.aggregate(new double[width + 1], (sum, row) -> addSquares(sum, row, numeric,
                fill, mean, labelIndex, regression, labelMean, tiny), SparkFitting::add);
        List<FeatureColumn> features = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (numeric[c]) {
                features.add(new FeatureColumn(columns.get(c), mean[c], scale(squares[c], training), List.of(),
                        fill[c], settings.missingIndicator() && sums.known[c] < training));
            } else if (categorical[c]) {
                features.add(new FeatureColumn(columns.get(c), 0.0, 1.0, new ArrayList<>(sums.categories.get(c))));
            } else if (c != labelIndex) {
                ignored.add(columns.get(c));
            }
        }
        LabelColumn labelColumn = regression
                ? new LabelColumn(label, chosenTask, List.of(), labelMean, scale(squares[width], training))
                : new LabelColumn(label, chosenTask, classes, 0.0, 1.0);
        return new Result(new Preprocessing(features, labelColumn, ignored), task == null, rows, counts.parts,
                sums.classCounts);
    }

    /** The population standard deviation from the sum of squared deviations, or 1 for a constant column. */
    private static double scale(double squares, long count) {
        double sd = Math.sqrt(squares / count);
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
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
                    + " '" + counts.labels.iterator().next() + "'; classification needs at least 2");
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
        sorted.addAll(counts.labels);
        if (task == Task.BINARY && sorted.size() > 2) {
            throw new IllegalArgumentException(table.source + ": binary classification needs 2 classes, but the label"
                    + " column '" + label + "' has " + sorted.size() + "; use multiclass");
        }
        return new ArrayList<>(sorted);
    }

    /** The feature columns, as {@link InputSettings} chooses them; names the table lacks are errors. */
    private static List<Integer> chooseColumns(SparkTable table, int labelIndex, InputSettings settings) {
        String label = table.columns.get(labelIndex);
        for (String name : settings.features()) {
            table.requireColumn(name, "feature");
            if (name.equals(label)) {
                throw new IllegalArgumentException("--features names the label column '" + label + "', which the"
                        + " model predicts and cannot take as an input");
            }
        }
        for (String name : settings.drop()) {
            table.requireColumn(name, "dropped");
            if (name.equals(label)) {
                throw new IllegalArgumentException("--drop names the label column '" + label + "'; it is never an"
                        + " input anyway, and it cannot be left out of the table it is learned from");
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < table.columns.size(); c++) {
            String name = table.columns.get(c);
            boolean wanted = settings.features().isEmpty() ? !settings.drop().contains(name)
                    : settings.features().contains(name);
            if (c != labelIndex && wanted) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(table.source + ": --drop leaves no feature column; the model needs"
                    + " at least one input besides the label '" + label + "'");
        }
        return chosen;
    }

    /**
     * Each numeric column's median over its values in the training rows, exactly: the values are sorted on the
     * executors, one column per partition (spilling to disk as Spark's sorts do), and each partition picks the
     * middle one or two of its column. Writes them into {@code fill}.
     */
    private static void medians(SparkTable table, boolean[] numeric, long[] known, boolean tiny, double[] fill) {
        int width = numeric.length;
        List<Tuple2<Integer, Double>> found = table.rows
                .filter(row -> tiny || row.part() == Split.TRAIN)
                .flatMapToPair(row -> {
                    List<Tuple2<Tuple2<Integer, Double>, Boolean>> values = new ArrayList<>();
                    for (int c = 0; c < width; c++) {
                        if (numeric[c] && !MissingValues.isMissing(row.cells()[c])) {
                            values.add(new Tuple2<>(new Tuple2<>(c, Double.parseDouble(row.cells()[c])), true));
                        }
                    }
                    return values.iterator();
                })
                .repartitionAndSortWithinPartitions(new SortedGroups.ByGroup(width), SortedGroups.ASCENDING)
                .mapPartitions(sorted -> middle(sorted, known))
                .collect();
        for (Tuple2<Integer, Double> median : found) {
            fill[median._1()] = median._2();
        }
    }

    /** The median of the one column whose sorted values this partition holds (nothing for an empty partition). */
    private static Iterator<Tuple2<Integer, Double>> middle(Iterator<Tuple2<Tuple2<Integer, Double>, Boolean>> sorted,
            long[] known) {
        List<Tuple2<Integer, Double>> out = new ArrayList<>();
        long at = 0;
        double lower = Double.NaN;
        while (sorted.hasNext()) {
            Tuple2<Integer, Double> value = sorted.next()._1();
            long n = known[value._1()];
            if (n % 2 == 1 && at == n / 2) {
                out.add(new Tuple2<>(value._1(), value._2()));
            } else if (n % 2 == 0 && at == n / 2 - 1) {
                lower = value._2();
            } else if (n % 2 == 0 && at == n / 2) {
                out.add(new Tuple2<>(value._1(), (lower + value._2()) / 2.0));
            }
            at++;
        }
        return out.iterator();
    }

    /** The second pass: categories, number checks, and the training rows' sums and classes. */
    private static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] known;
        final double[] sum;
        final Map<Integer, TreeSet<String>> categories = new HashMap<>();
        final long[] classCounts;
        double labelSum;

        Sums(int columns, int classes) {
            known = new long[columns];
            sum = new double[columns];
            classCounts = new long[classes];
        }

        Sums add(TableRow row, boolean[] numeric, boolean[] categorical, int label, boolean regression,
                Map<String, Integer> classIndex, boolean tiny, String source, List<String> columns) {
            String[] cells = row.cells();
            boolean training = tiny || row.part() == Split.TRAIN;
            for (int c = 0; c < cells.length; c++) {
                if (categorical[c]) {
                    categories.computeIfAbsent(c, k -> new TreeSet<>()).add(FeatureColumn.categoryOf(cells[c]));
                } else if (numeric[c] && !MissingValues.isMissing(cells[c])) {
                    double v = number(row, c, source, columns);
                    if (training) {
                        known[c]++;
                        sum[c] += v;
                    }
                }
            }
            if (regression) {
                double y = number(row, label, source, columns);
                labelSum += training ? y : 0;
            } else if (training) {
                classCounts[classIndex.get(cells[label])]++;
            }
            return this;
        }

        Sums plus(Sums other) {
            for (int c = 0; c < known.length; c++) {
                known[c] += other.known[c];
                sum[c] += other.sum[c];
            }
            other.categories.forEach((c, set) -> categories.computeIfAbsent(c, k -> new TreeSet<>()).addAll(set));
            for (int k = 0; k < classCounts.length; k++) {
                classCounts[k] += other.classCounts[k];
            }
            labelSum += other.labelSum;
            return this;
        }

        private static double number(TableRow row, int c, String source, List<String> columns) {
            String cell = row.cells()[c];
            if (NumberText.isNumber(cell)) {
                return Double.parseDouble(cell);
            }
            String where = row.where(source, columns.get(c));
            if (MissingValues.isMissing(cell)) {
                throw new IllegalArgumentException(where + ": expected a number, got " + (cell.isEmpty()
                        ? "an empty cell" : "'" + cell + "'") + ", which marks a missing value");
            }
            if (NumberText.isNonFinite(cell)) {
                throw new IllegalArgumentException(where + ": expected a finite number, got '" + cell
                        + "' (infinity cannot be learned from)");
            }
            throw new IllegalArgumentException(where + ": expected a number, got '"
                    + (cell.length() > 40 ? cell.substring(0, 37) + "..." : cell) + "'");
        }
    }

    /** The third pass: squared deviations of the filled numeric columns and of a regression label. */
    private static double[] addSquares(double[] sum, TableRow row, boolean[] numeric, double[] fill, double[] mean,
            int label, boolean regression, double labelMean, boolean tiny) {
        if (!(tiny || row.part() == Split.TRAIN)) {
            return sum;
        }
        String[] cells = row.cells();
        for (int c = 0; c < numeric.length; c++) {
            if (numeric[c]) {
                double v = MissingValues.isMissing(cells[c]) ? fill[c] : Double.parseDouble(cells[c]);
                sum[c] += (v - mean[c]) * (v - mean[c]);
            }
        }
        if (regression) {
            double y = Double.parseDouble(cells[label]);
            sum[numeric.length] += (y - labelMean) * (y - labelMean);
        }
        return sum;
    }

    private static double[] add(double[] into, double[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }
}
