package org.nn4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.LabelColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;
import scala.Tuple2;

/**
 * Training data from a Spark DataFrame: the preprocessing computed by Spark over all rows (means and population
 * standard deviations of numeric columns, categories of text columns, the classes of the label), the same as
 * {@link Preprocessing#fit} computes for a table, and the rows encoded on the executors into shards.
 */
public final class SparkData {

    /** Up to this many distinct whole numbers in the label column mean classification, as for CSV tables. */
    static final int MAX_INTEGER_CLASSES = Preprocessing.MAX_INTEGER_CLASSES;

    private SparkData() {
    }

    /**
     * A table from files, read by Spark: Parquet for paths ending in {@code .parquet} (or folders of Parquet
     * parts), otherwise CSV with a header row and column types inferred from the data.
     */
    public static Dataset<Row> read(org.apache.spark.sql.SparkSession spark, String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        boolean parquet = lower.endsWith(".parquet") || lower.endsWith(".parquet/")
                || java.nio.file.Files.isDirectory(java.nio.file.Path.of(path));
        return parquet ? spark.read().parquet(path)
                : spark.read().option("header", true).option("inferSchema", true).csv(path);
    }

    /** The preprocessing for every column but {@code label}, and for the label, fitted on the whole frame. */
    public static Preprocessing fit(Dataset<Row> frame, String label) {
        List<String> names = List.of(frame.columns());
        if (!names.contains(label)) {
            throw new IllegalArgumentException("The DataFrame has no label column '" + label + "'; its columns are "
                    + String.join(", ", names));
        }
        List<FeatureColumn> features = new ArrayList<>();
        List<Column> stats = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        for (StructField field : frame.schema().fields()) {
            if (field.name().equals(label)) {
                continue;
            }
            if (isNumeric(field.dataType())) {
                numeric.add(field.name());
                stats.add(avg(col(field.name())));
                stats.add(stddev_pop(col(field.name())));
            } else if (isVector(field.dataType())) {
                // A vector column (as Spark ML's assemblers make) gives one numeric input per element: name[i].
                int size = ((Vector) frame.select(field.name()).first().get(0)).size();
                Column elements = org.apache.spark.ml.functions.vector_to_array(col(field.name()), "float64");
                for (int i = 0; i < size; i++) {
                    numeric.add(field.name() + "[" + i + "]");
                    stats.add(avg(elements.getItem(i)));
                    stats.add(stddev_pop(elements.getItem(i)));
                }
            }
        }
        Row moments = stats.isEmpty() ? null
                : frame.agg(stats.get(0), stats.subList(1, stats.size()).toArray(Column[]::new)).first();
        for (StructField field : frame.schema().fields()) {
            if (field.name().equals(label)) {
                continue;
            }
            if (isVector(field.dataType())) {
                for (int at = 0; at < numeric.size(); at++) {
                    if (numeric.get(at).startsWith(field.name() + "[")) {
                        double sd = moments.isNullAt(2 * at + 1) ? 0 : moments.getDouble(2 * at + 1);
                        features.add(new FeatureColumn(numeric.get(at), moments.getDouble(2 * at),
                                sd > 0 && Double.isFinite(sd) ? sd : 1.0, List.of()));
                    }
                }
                continue;
            }
            int at = numeric.indexOf(field.name());
            if (at >= 0) {
                double mean = moments.getDouble(2 * at);
                double sd = moments.isNullAt(2 * at + 1) ? 0 : moments.getDouble(2 * at + 1);
                features.add(new FeatureColumn(field.name(), mean, sd > 0 && Double.isFinite(sd) ? sd : 1.0,
                        List.of()));
            } else {
                features.add(new FeatureColumn(field.name(), 0.0, 1.0, distinctSorted(frame, field.name(), false)));
            }
        }
        return new Preprocessing(features, fitLabel(frame, label));
    }

    private static LabelColumn fitLabel(Dataset<Row> frame, String label) {
        DataType type = frame.schema().apply(label).dataType();
        boolean integral = type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType);
        if (isNumeric(type) && !(integral && frame.select(label).distinct().count() <= MAX_INTEGER_CLASSES)) {
            Row moments = frame.agg(avg(col(label)), stddev_pop(col(label))).first();
            double sd = moments.getDouble(1);
            return new LabelColumn(label, Task.REGRESSION, List.of(), moments.getDouble(0),
                    sd > 0 && Double.isFinite(sd) ? sd : 1.0);
        }
        List<String> classes = distinctSorted(frame, label, integral);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("The label column '" + label + "' has only one class; classification"
                    + " needs at least 2");
        }
        return new LabelColumn(label, Task.forClasses(classes.size()), classes, 0.0, 1.0);
    }

    private static List<String> distinctSorted(Dataset<Row> frame, String column, boolean numeric) {
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        for (Row r : frame.select(column).distinct().collectAsList()) {
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("The column '" + column + "' has missing values, which are not"
                        + " supported");
            }
            sorted.add(String.valueOf(r.get(0)));
        }
        return new ArrayList<>(sorted);
    }

    private static boolean isVector(DataType type) {
        return type.equals(org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    }

    private static boolean isNumeric(DataType type) {
        return type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)
                || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType);
    }

    /** The frame's rows, numbered in order and encoded by {@code prep} on the executors, one shard per partition. */
    static JavaRDD<RowBlock> blocks(Dataset<Row> frame, Preprocessing prep) {
        String[] columns = frame.columns();
        // The preprocessing travels as its saved form (JSON), which keeps every number exactly.
        String saved = Json.write(prep.toMap());
        return frame.javaRDD().zipWithIndex().mapPartitions(rows -> encode(rows, columns, saved));
    }

    /**
     * Rows are turned into text and encoded this many at a time: the text of a cell takes about ten times the bytes
     * of its number, so a partition of a million rows encoded at once would not fit an executor's default heap.
     */
    static final int ENCODE_CHUNK_ROWS = 1 << 16;

    @SuppressWarnings("unchecked")
    private static Iterator<RowBlock> encode(Iterator<Tuple2<Row, Long>> rows, String[] columns, String saved) {
        Preprocessing prep = Preprocessing.fromMap((java.util.Map<String, Object>) Json.parse(saved));
        List<RowBlock> chunks = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<String> names = null;
        while (rows.hasNext()) {
            Tuple2<Row, Long> next = rows.next();
            Row row = next._1();
            List<String> text = new ArrayList<>();
            List<String> rowNames = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                if (row.isNullAt(c)) {
                    throw new IllegalArgumentException("Row " + (next._2() + 1) + ", column '" + columns[c]
                            + "': a missing value (missing values are not supported)");
                }
                Object value = row.get(c);
                if (value instanceof Vector v) {
                    double[] elements = v.toArray();
                    for (int i = 0; i < elements.length; i++) {
                        text.add(Double.toString(elements[i]));
                        rowNames.add(columns[c] + "[" + i + "]");
                    }
                } else {
                    text.add(String.valueOf(value));
                    rowNames.add(columns[c]);
                }
            }
            names = names == null ? rowNames : names;
            cells.add(text.toArray(String[]::new));
            index.add(Math.toIntExact(next._2()));
            if (cells.size() == ENCODE_CHUNK_ROWS) {
                chunks.add(encodeChunk(prep, names, cells, index));
                cells.clear();
                index.clear();
            }
        }
        if (!cells.isEmpty()) {
            chunks.add(encodeChunk(prep, names, cells, index));
        }
        if (chunks.isEmpty()) {
            return List.<RowBlock>of().iterator();
        }
        return List.of(chunks.size() == 1 ? chunks.get(0) : RowBlock.concat(chunks)).iterator();
    }

    private static RowBlock encodeChunk(Preprocessing prep, List<String> names, List<String[]> cells,
            List<Integer> index) {
        Table table = Table.of("DataFrame partition", names, cells);
        org.nn4j.data.Dataset encoded = prep.encode(table, table.allRows());
        int[] globalIndex = index.stream().mapToInt(Integer::intValue).toArray();
        return new RowBlock(globalIndex, encoded.inputs(), encoded.targets());
    }
}
