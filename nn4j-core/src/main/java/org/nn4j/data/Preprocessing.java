package org.nn4j.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nn4j.metrics.Task;
import org.nn4j.names.DidYouMean;
import org.nn4j.tensor.Matrix;

/**
 * Turns rows of a {@link Table} into network inputs and targets, and is saved with the model so that prediction
 * applies exactly the same steps to raw rows. {@link #fit} decides, from the table:
 * <ul>
 *   <li>the task, from the label column: text, or a few distinct whole numbers ({@value #MAX_INTEGER_CLASSES} or
 *       fewer), mean classification; other numbers mean regression ({@link #inferTask});</li>
 *   <li>which other columns are features ({@link InputSettings}: all, only some, or all but some; the others are
 *       recorded as ignored, so that prediction takes rows with or without them);</li>
 *   <li>for each feature column, numeric (standardised with the training rows' mean and standard deviation) or
 *       categorical (one-hot): a column is categorical when fewer than half its present cells are numbers, and in
 *       a numeric column a cell that is neither a number nor a gap is an error;</li>
 *   <li>what fills each numeric column's gaps ({@link MissingValues}): the training rows' median or mean, with an
 *       optional missing-indicator input; in a categorical column a gap is a category of its own.</li>
 * </ul>
 * Only the training rows inform the means, standard deviations and fill values, so the test rows stay unseen.
 * Categories are collected from every row, so a category that happens to fall only in the test split is still
 * known. The label may have no gaps: as scikit-learn refuses a target with missing values, {@link #fit} refuses
 * such rows, naming their lines.
 */
public final class Preprocessing {

    /** Up to this many distinct whole numbers in the label column are read as classes. */
    public static final int MAX_INTEGER_CLASSES = 20;

    private final List<FeatureColumn> features;
    private final LabelColumn label;
    private final List<String> ignored;

    public Preprocessing(List<FeatureColumn> features, LabelColumn label) {
        this(features, label, List.of());
    }

    /** With {@code ignored}: columns of the training table left out on purpose, which rows to predict may hold. */
    public Preprocessing(List<FeatureColumn> features, LabelColumn label, List<String> ignored) {
        this.features = List.copyOf(features);
        this.label = label;
        this.ignored = List.copyOf(ignored);
    }

    public List<FeatureColumn> features() {
        return features;
    }

    public LabelColumn label() {
        return label;
    }

    /** The columns of the training table that are neither features nor the label (--drop, or not in --features). */
    public List<String> ignored() {
        return ignored;
    }

    public Task task() {
        return label.task();
    }

    /**
     * The number of network inputs: one per numeric column, one per category of each categorical column, then one
     * per missing indicator.
     */
    public int inputs() {
        int n = 0;
        for (FeatureColumn f : features) {
            n += f.width() + (f.indicator() ? 1 : 0);
        }
        return n;
    }

    /** The number of missing-indicator inputs, which come after the columns' own inputs. */
    public int indicators() {
        return (int) features.stream().filter(FeatureColumn::indicator).count();
    }

    public int outputs() {
        return label.outputs();
    }

    /** The task the label column suggests: see the class comment. */
    public static Task inferTask(Table table, int labelIndex) {
        requireLabels(table, labelIndex);
        Set<String> distinct = new LinkedHashSet<>();
        boolean allNumbers = true;
        boolean allIntegers = true;
        for (int r = 0; r < table.rowCount(); r++) {
            String cell = table.cell(r, labelIndex);
            requireLabelCell(table, r, labelIndex);
            distinct.add(cell);
            if (NumberText.isNumber(cell)) {
                double v = Double.parseDouble(cell);
                allIntegers &= v == Math.rint(v);
            } else {
                allNumbers = false;
            }
        }
        if (allNumbers && !(allIntegers && distinct.size() <= MAX_INTEGER_CLASSES)) {
            return Task.REGRESSION;
        }
        return distinct.size() == 2 ? Task.BINARY : Task.MULTICLASS;
    }

    /**
     * Fits the preprocessing of {@code table} with label column {@code labelColumn}; statistics come from the rows
     * {@code trainingRows}. With {@code task} null, the task is inferred.
     */
    public static Preprocessing fit(Table table, String labelColumn, Task task, int[] trainingRows) {
        return fit(table, labelColumn, task, trainingRows, MemoryLimits.ofThisJvm());
    }

    /**
     * As {@link #fit(Table, String, Task, int[])}, refusing what the limits cannot hold: a label with more classes
     * than a classification can learn ({@link #requireLearnableClasses}), or inputs and targets (one-hot columns
     * included) larger than {@link MemoryLimits#maxEncodedValues}.
     */
    public static Preprocessing fit(Table table, String labelColumn, Task task, int[] trainingRows,
            MemoryLimits limits) {
        return fit(table, labelColumn, task, trainingRows, limits, InputSettings.defaults());
    }

    /** As {@link #fit(Table, String, Task, int[], MemoryLimits)}, choosing and imputing the columns as told. */
    public static Preprocessing fit(Table table, String labelColumn, Task task, int[] trainingRows,
            MemoryLimits limits, InputSettings settings) {
        int labelIndex = table.requireColumn(labelColumn, "label");
        if (table.columns().size() < 2) {
            throw new IllegalArgumentException(table.source() + " has only the label column; it needs at least one"
                    + " feature column too");
        }
        if (trainingRows.length == 0) {
            throw new IllegalArgumentException(table.source() + ": no rows are left for training");
        }
        requireLabels(table, labelIndex);
        List<Integer> chosenColumns = FeatureFitting.chooseColumns(table, labelIndex, settings);
        Task chosen = task != null ? task : inferTask(table, labelIndex);
        LabelColumn label = fitLabel(table, labelIndex, chosen, trainingRows);
        List<FeatureColumn> features = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (chosenColumns.contains(c)) {
                features.add(FeatureFitting.fit(table, c, trainingRows, settings));
            } else if (c != labelIndex) {
                ignored.add(table.columns().get(c));
            }
        }
        Preprocessing prep = new Preprocessing(features, label, ignored);
        prep.requireEncodingFits(table, limits);
        return prep;
    }

    /** Refuses a table whose encoded inputs and targets would not fit in the limits, naming the widest columns. */
    private void requireEncodingFits(Table table, MemoryLimits limits) {
        long values = (long) table.rowCount() * (inputs() + outputs());
        if (values <= limits.maxEncodedValues()) {
            return;
        }
        List<FeatureColumn> wide = new ArrayList<>(features.stream().filter(FeatureColumn::isCategorical).toList());
        wide.sort(Comparator.comparingInt(FeatureColumn::width).reversed());
        StringBuilder widest = new StringBuilder();
        for (FeatureColumn f : wide.subList(0, Math.min(3, wide.size()))) {
            widest.append(widest.length() == 0 ? "; the widest: " : ", ").append('\'').append(f.name())
                    .append("' (").append(f.width()).append(" categories, one input each)");
        }
        throw new IllegalArgumentException(table.source() + ": encoded for the network, the table is "
                + table.rowCount() + " rows of " + inputs() + " inputs and " + outputs() + " outputs, " + values
                + " numbers (" + values * Double.BYTES / (1 << 20) + " MiB), more than the "
                + limits.maxEncodedValues() + " (a quarter of the heap) nn4j allows" + widest + "; drop columns"
                + " that identify rows rather than describe them, or " + limits.howToRaise());
    }

    /**
     * Refuses a label that is no classification: more than {@value MemoryLimits#MAX_CLASSES} classes, or, in a table
     * of 100 rows or more, more classes than half the rows (most classes would then have a single example). Such a
     * label is a quantity (suggest regression) or an identifier or free text.
     */
    static void requireLearnableClasses(Table table, String name, int classes, boolean numeric) {
        int rows = table.rowCount();
        boolean tooMany = classes > MemoryLimits.MAX_CLASSES || rows >= 100 && classes > rows / 2;
        if (!tooMany) {
            return;
        }
        throw new IllegalArgumentException(table.source() + ": the label column '" + name + "' has " + classes
                + " distinct values in " + rows + " rows, too many to be classes (nn4j takes at most "
                + MemoryLimits.MAX_CLASSES + " classes, and at most one class for every 2 rows, so that each class has"
                + " examples to learn from); " + (numeric
                        ? "its values are numbers: to predict them as a quantity, use --task regression"
                        : "it looks like an identifier or free text: choose another label column, or group its"
                                + " values into fewer classes"));
    }

    private static LabelColumn fitLabel(Table table, int labelIndex, Task task, int[] trainingRows) {
        String name = table.columns().get(labelIndex);
        if (task == Task.REGRESSION) {
            double[] values = new double[trainingRows.length];
            for (int i = 0; i < trainingRows.length; i++) {
                values[i] = Cells.parse(table, trainingRows[i], labelIndex);
            }
            for (int r = 0; r < table.rowCount(); r++) {
                Cells.parse(table, r, labelIndex);
            }
            double mean = FeatureFitting.mean(values);
            return new LabelColumn(name, task, List.of(), mean, FeatureFitting.scale(values, mean));
        }
        boolean numeric = true;
        Set<String> distinct = new LinkedHashSet<>();
        for (int r = 0; r < table.rowCount(); r++) {
            requireLabelCell(table, r, labelIndex);
            String cell = table.cell(r, labelIndex);
            distinct.add(cell);
            numeric &= NumberText.isNumber(cell);
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException(table.source() + ": the label column '" + name + "' has only one class, '"
                    + distinct.iterator().next() + "'; classification needs at least 2");
        }
        requireLearnableClasses(table, name, distinct.size(), numeric);
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(distinct);
        List<String> classes = new ArrayList<>(sorted);
        if (task == Task.BINARY && classes.size() > 2) {
            throw new IllegalArgumentException(table.source() + ": binary classification needs 2 classes, but the"
                    + " label column '" + name + "' has " + classes.size() + "; use multiclass");
        }
        return new LabelColumn(name, task, classes, 0.0, 1.0);
    }

    /** Inputs and targets of the given rows of a table that has the label column. */
    public Dataset encode(Table table, int[] rows) {
        Matrix inputs = encodeInputs(table, rows);
        int labelIndex = table.requireColumn(label.name(), "label");
        Matrix targets = Matrix.zeros(rows.length, outputs());
        Map<String, Integer> classIndex = classIndex();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (task() == Task.REGRESSION) {
                targets.set(i, 0, (Cells.parse(table, r, labelIndex) - label.mean()) / label.scale());
            } else {
                task().encodeClass(targets, i, requireClass(table, r, labelIndex, classIndex));
            }
        }
        return new Dataset(table.source(), inputs, targets);
    }

    /** The true class index of each given row (classification only). */
    public int[] classesOf(Table table, int[] rows) {
        int labelIndex = table.requireColumn(label.name(), "label");
        Map<String, Integer> classIndex = classIndex();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = requireClass(table, rows[i], labelIndex, classIndex);
        }
        return out;
    }

    /** The label value of each given row, in the label's units (regression only). */
    public double[] valuesOf(Table table, int[] rows) {
        int labelIndex = table.requireColumn(label.name(), "label");
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Cells.parse(table, rows[i], labelIndex);
        }
        return out;
    }

    /**
     * The network inputs of the given rows, columns matched by name; the label column and the ignored columns may
     * be there or not, and any other column the model does not know is an error, as is a missing one. Gaps are
     * filled as in training.
     */
    public Matrix encodeInputs(Table table, int[] rows) {
        int[] positions = new int[features.size()];
        List<String> missing = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            positions[f] = table.indexOf(features.get(f).name());
            if (positions[f] < 0) {
                missing.add(features.get(f).name());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String c : table.columns()) {
            if (!c.equals(label.name()) && !ignored.contains(c)
                    && features.stream().noneMatch(f -> f.name().equals(c))) {
                unknown.add(c);
            }
        }
        if (!missing.isEmpty()
                && table.columns().stream().anyMatch(c -> NumberText.isNumber(c) || NumberText.isNonFinite(c))) {
            throw new IllegalArgumentException(table.source() + ": the first line should be a header naming the"
                    + " columns (" + featureNames() + "), but it holds numbers");
        }
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(table.source() + ": the columns do not match the model's. Expected "
                    + featureNames() + " (and optionally the label '" + label.name() + "')"
                    + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; unknown " + String.join(", ", unknown.stream()
                            .map(c -> c + DidYouMean.hint(c, missing)).toList())));
        }
        Matrix inputs = Matrix.zeros(rows.length, inputs());
        int firstIndicator = inputs() - indicators();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int at = 0;
            int indicator = firstIndicator;
            for (int f = 0; f < features.size(); f++) {
                FeatureColumn feature = features.get(f);
                String cell = table.cell(r, positions[f]);
                if (feature.isCategorical()) {
                    int k = feature.categories().indexOf(FeatureColumn.categoryOf(cell));
                    if (k < 0) {
                        throw new IllegalArgumentException(table.where(r, positions[f]) + ": "
                                + (MissingValues.isMissing(cell) ? "a missing value, but the column had no gaps in"
                                        + " training" : "unknown category '" + Cells.abbreviate(cell) + "'")
                                + "; the model knows " + String.join(", ", feature.categories()));
                    }
                    inputs.set(i, at + k, 1.0);
                } else {
                    double value = MissingValues.isMissing(cell) ? feature.fill() : Cells.parse(table, r, positions[f]);
                    inputs.set(i, at, (value - feature.mean()) / feature.scale());
                }
                if (feature.indicator()) {
                    inputs.set(i, indicator++, MissingValues.isMissing(cell) ? 1.0 : 0.0);
                }
                at += feature.width();
            }
        }
        return inputs;
    }

    /** True when no feature column is numeric. */
    public boolean allCategorical() {
        return features.stream().allMatch(FeatureColumn::isCategorical);
    }

    /** True when every feature column is numeric, so that a row of plain numbers describes a sample. */
    public boolean allNumeric() {
        return features.stream().noneMatch(FeatureColumn::isCategorical);
    }

    /**
     * The network inputs for rows of raw numbers, one per feature column in the model's order, standardised as in
     * training; NaN marks a missing value, filled as in training. Only for models whose feature columns are all
     * numeric ({@link #allNumeric}).
     */
    public Matrix encodeNumbers(double[][] rows) {
        if (!allNumeric()) {
            List<String> categorical = new ArrayList<>();
            for (FeatureColumn f : features) {
                if (f.isCategorical()) {
                    categorical.add(f.name());
                }
            }
            throw new IllegalArgumentException("The model has categorical columns (" + String.join(", ", categorical)
                    + "), which plain numbers cannot describe; pass each row's cells by column name instead");
        }
        Matrix inputs = Matrix.zeros(rows.length, inputs());
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row.length != features.size()) {
                throw new IllegalArgumentException("Row " + (r + 1) + " has " + row.length + " values, but the model"
                        + " takes " + features.size() + " (" + featureNames() + ")");
            }
            int indicator = features.size();
            for (int f = 0; f < row.length; f++) {
                if (Double.isInfinite(row[f])) {
                    throw new IllegalArgumentException("Row " + (r + 1) + ", column '" + features.get(f).name()
                            + "': expected a finite number (or NaN for a missing value), got " + row[f]);
                }
                FeatureColumn feature = features.get(f);
                boolean missing = Double.isNaN(row[f]);
                inputs.set(r, f, ((missing ? feature.fill() : row[f]) - feature.mean()) / feature.scale());
                if (feature.indicator()) {
                    inputs.set(r, indicator++, missing ? 1.0 : 0.0);
                }
            }
        }
        return inputs;
    }

    /** The feature column names, comma-separated, in the model's order. */
    public String featureNames() {
        List<String> names = new ArrayList<>();
        for (FeatureColumn f : features) {
            names.add(f.name());
        }
        return String.join(", ", names);
    }

    /** The preprocessing as a JSON-ready map, for the model file ({@link PreprocessingFormat}). */
    public Map<String, Object> toMap() {
        return PreprocessingFormat.toMap(this);
    }

    /** Reads what {@link #toMap} wrote; throws IllegalArgumentException naming what does not fit. */
    public static Preprocessing fromMap(Map<String, Object> map) {
        return PreprocessingFormat.fromMap(map);
    }

    private Map<String, Integer> classIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < label.classes().size(); i++) {
            index.put(label.classes().get(i), i);
        }
        return index;
    }

    private int requireClass(Table table, int row, int labelIndex, Map<String, Integer> classIndex) {
        requireLabelCell(table, row, labelIndex);
        Integer k = classIndex.get(table.cell(row, labelIndex));
        if (k == null) {
            throw new IllegalArgumentException(table.where(row, labelIndex) + ": unknown class '"
                    + Cells.abbreviate(table.cell(row, labelIndex)) + "'; the model knows "
                    + String.join(", ", label.classes()));
        }
        return k;
    }

    /**
     * Refuses a label column with gaps, naming the lines (the first ten), as scikit-learn refuses a target with
     * missing values: a row without its answer teaches nothing, and dropping rows silently would change the data.
     */
    private static void requireLabels(Table table, int labelIndex) {
        List<Integer> lines = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (MissingValues.isMissing(table.cell(r, labelIndex))) {
                lines.add(table.line(r));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        List<String> shown = lines.subList(0, Math.min(10, lines.size())).stream().map(String::valueOf).toList();
        throw new IllegalArgumentException(table.source() + ": the label column '" + table.columns().get(labelIndex)
                + "' is missing in " + lines.size() + (lines.size() == 1 ? " row" : " rows") + " (line"
                + (lines.size() == 1 ? " " : "s ") + String.join(", ", shown) + (lines.size() > 10 ? ", …" : "")
                + "); every row needs a label: fill them in or remove those rows");
    }

    private static void requireLabelCell(Table table, int row, int labelIndex) {
        String cell = table.cell(row, labelIndex);
        if (MissingValues.isMissing(cell)) {
            throw new IllegalArgumentException(table.where(row, labelIndex)
                    + ": the label is missing (every row needs one)");
        }
        if (NumberText.isNonFinite(cell)) {
            throw new IllegalArgumentException(table.where(row, labelIndex) + ": expected a label, got '" + cell
                    + "' (NaN and infinity cannot be learned from)");
        }
    }
}
