package org.nn4j.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *   <li>for each other column, numeric (standardised with the training rows' mean and standard deviation) or
 *       categorical (one-hot): a column is categorical when fewer than half its cells are numbers, and in a
 *       numeric column a cell that is not a number is an error.</li>
 * </ul>
 * Only the training rows inform the means and standard deviations, so the test rows stay unseen. Categories are
 * collected from every row, so a category that happens to fall only in the test split is still known.
 */
public final class Preprocessing {

    /** Up to this many distinct whole numbers in the label column are read as classes. */
    public static final int MAX_INTEGER_CLASSES = 20;

    private final List<FeatureColumn> features;
    private final LabelColumn label;

    public Preprocessing(List<FeatureColumn> features, LabelColumn label) {
        this.features = List.copyOf(features);
        this.label = label;
    }

    public List<FeatureColumn> features() {
        return features;
    }

    public LabelColumn label() {
        return label;
    }

    public Task task() {
        return label.task();
    }

    /** The number of network inputs: one per numeric column, one per category of each categorical column. */
    public int inputs() {
        int n = 0;
        for (FeatureColumn f : features) {
            n += f.width();
        }
        return n;
    }

    public int outputs() {
        return label.outputs();
    }

    /** The task the label column suggests: see the class comment. */
    public static Task inferTask(Table table, int labelIndex) {
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
        int labelIndex = table.requireColumn(labelColumn, "label");
        if (table.columns().size() < 2) {
            throw new IllegalArgumentException(table.source() + " has only the label column; it needs at least one"
                    + " feature column too");
        }
        if (trainingRows.length == 0) {
            throw new IllegalArgumentException(table.source() + ": no rows are left for training");
        }
        Task chosen = task != null ? task : inferTask(table, labelIndex);
        LabelColumn label = fitLabel(table, labelIndex, chosen, trainingRows);
        List<FeatureColumn> features = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (c != labelIndex) {
                features.add(fitFeature(table, c, trainingRows));
            }
        }
        Preprocessing prep = new Preprocessing(features, label);
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
            double mean = mean(values);
            return new LabelColumn(name, task, List.of(), mean, scale(values, mean));
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

    private static FeatureColumn fitFeature(Table table, int column, int[] trainingRows) {
        String name = table.columns().get(column);
        int numbers = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            String cell = table.cell(r, column);
            if (NumberText.isNumber(cell) || NumberText.isNonFinite(cell)) {
                numbers++;
            }
        }
        if (2 * numbers < table.rowCount()) {
            TreeSet<String> categories = new TreeSet<>();
            for (int r = 0; r < table.rowCount(); r++) {
                String cell = table.cell(r, column);
                if (cell.isEmpty()) {
                    throw new IllegalArgumentException(table.where(r, column)
                            + ": expected a category, got an empty cell (missing values are not supported)");
                }
                categories.add(cell);
            }
            return FeatureColumn.categorical(name, new ArrayList<>(categories));
        }
        for (int r = 0; r < table.rowCount(); r++) {
            Cells.parse(table, r, column);
        }
        double[] values = new double[trainingRows.length];
        for (int i = 0; i < trainingRows.length; i++) {
            values[i] = Cells.parse(table, trainingRows[i], column);
        }
        double mean = mean(values);
        return FeatureColumn.numeric(name, mean, scale(values, mean));
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
     * The network inputs of the given rows, columns matched by name; the label column may be there or not, and
     * any other column the model does not know is an error, as is a missing one.
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
            if (!c.equals(label.name()) && features.stream().noneMatch(f -> f.name().equals(c))) {
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
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int at = 0;
            for (int f = 0; f < features.size(); f++) {
                FeatureColumn feature = features.get(f);
                if (feature.isCategorical()) {
                    String cell = table.cell(r, positions[f]);
                    int k = feature.categories().indexOf(cell);
                    if (k < 0) {
                        throw new IllegalArgumentException(table.where(r, positions[f]) + ": unknown category '"
                                + Cells.abbreviate(cell) + "'; the model knows " + String.join(", ",
                                feature.categories()));
                    }
                    inputs.set(i, at + k, 1.0);
                } else {
                    inputs.set(i, at, (Cells.parse(table, r, positions[f]) - feature.mean()) / feature.scale());
                }
                at += feature.width();
            }
        }
        return inputs;
    }

    /** True when every feature column is numeric, so that a row of plain numbers describes a sample. */
    public boolean allNumeric() {
        return features.stream().noneMatch(FeatureColumn::isCategorical);
    }

    /**
     * The network inputs for rows of raw numbers, one per feature column in the model's order, standardised as in
     * training. Only for models whose feature columns are all numeric ({@link #allNumeric}).
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
        Matrix inputs = Matrix.zeros(rows.length, features.size());
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row.length != features.size()) {
                throw new IllegalArgumentException("Row " + (r + 1) + " has " + row.length + " values, but the model"
                        + " takes " + features.size() + " (" + featureNames() + ")");
            }
            for (int f = 0; f < row.length; f++) {
                if (!Double.isFinite(row[f])) {
                    throw new IllegalArgumentException("Row " + (r + 1) + ", column '" + features.get(f).name()
                            + "': expected a finite number, got " + row[f]);
                }
                FeatureColumn feature = features.get(f);
                inputs.set(r, f, (row[f] - feature.mean()) / feature.scale());
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

    /** The preprocessing as a JSON-ready map, for the model file. */
    public Map<String, Object> toMap() {
        List<Object> columns = new ArrayList<>();
        for (FeatureColumn f : features) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", f.name());
            if (f.isCategorical()) {
                c.put("type", "categorical");
                c.put("categories", f.categories());
            } else {
                c.put("type", "numeric");
                c.put("mean", f.mean());
                c.put("scale", f.scale());
            }
            columns.add(c);
        }
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", label.name());
        l.put("task", label.task().id());
        if (label.task().isClassification()) {
            l.put("classes", label.classes());
        } else {
            l.put("mean", label.mean());
            l.put("scale", label.scale());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("features", columns);
        map.put("label", l);
        return map;
    }

    /** Reads what {@link #toMap} wrote; throws IllegalArgumentException naming what does not fit. */
    public static Preprocessing fromMap(Map<String, Object> map) {
        List<FeatureColumn> features = new ArrayList<>();
        for (Object o : list(map.get("features"), "preprocessing.features")) {
            Map<String, Object> c = object(o, "a feature column");
            String name = string(c.get("name"), "a feature column's name");
            if ("categorical".equals(c.get("type"))) {
                List<String> categories = new ArrayList<>();
                for (Object k : list(c.get("categories"), "the categories of " + name)) {
                    categories.add(string(k, "a category of " + name));
                }
                if (categories.isEmpty()) {
                    throw new IllegalArgumentException("the categorical column " + name + " lists no categories");
                }
                features.add(FeatureColumn.categorical(name, categories));
            } else if ("numeric".equals(c.get("type"))) {
                features.add(FeatureColumn.numeric(name, number(c.get("mean"), name + ".mean"),
                        positive(number(c.get("scale"), name + ".scale"), name + ".scale")));
            } else {
                throw new IllegalArgumentException("feature column " + name + " has type " + c.get("type")
                        + "; known: numeric, categorical");
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("preprocessing.features is empty");
        }
        Map<String, Object> l = object(map.get("label"), "preprocessing.label");
        Task task = Task.byName(string(l.get("task"), "label.task"));
        String name = string(l.get("name"), "label.name");
        if (task.isClassification()) {
            List<String> classes = new ArrayList<>();
            for (Object k : list(l.get("classes"), "label.classes")) {
                classes.add(string(k, "a class name"));
            }
            if (classes.size() < 2 || task == Task.BINARY && classes.size() != 2) {
                throw new IllegalArgumentException("label.classes lists " + classes.size() + " classes for "
                        + task.description());
            }
            return new Preprocessing(features, new LabelColumn(name, task, classes, 0.0, 1.0));
        }
        return new Preprocessing(features, new LabelColumn(name, task, List.of(), number(l.get("mean"), "label.mean"),
                positive(number(l.get("scale"), "label.scale"), "label.scale")));
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

    private static void requireLabelCell(Table table, int row, int labelIndex) {
        String cell = table.cell(row, labelIndex);
        if (cell.isEmpty()) {
            throw new IllegalArgumentException(table.where(row, labelIndex)
                    + ": the label is empty (every row needs one)");
        }
        if (NumberText.isNonFinite(cell)) {
            throw new IllegalArgumentException(table.where(row, labelIndex) + ": expected a label, got '" + cell
                    + "' (NaN and infinity cannot be learned from)");
        }
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The population standard deviation (as scikit-learn's StandardScaler), or 1 for a constant column. */
    private static double scale(double[] values, double mean) {
        double sum = 0.0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sum / values.length);
        return sd > 0 && Double.isFinite(sd) ? sd : 1.0;
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " should be a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " should be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " should be a string");
        }
        return s;
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(what + " should be a finite number");
        }
        return n.doubleValue();
    }

    private static double positive(double value, String what) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(what + " should be positive");
        }
        return value;
    }
}
