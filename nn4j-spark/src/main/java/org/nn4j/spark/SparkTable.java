package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.nn4j.data.Split;
import org.nn4j.data.Table;

/**
 * A table that stays on the cluster: read by Spark from any path it reads (CSV with a header row, every cell taken
 * as text so that nn4j's own rules decide numbers, gaps and categories as on one machine; or Parquet), each row
 * numbered in file order and put into its part of the {@link Split#hashed hashed split} on the executor that reads
 * it. Nothing here is cached: each pass reads the files again, so no executor needs memory for the table.
 */
final class SparkTable {

    final String source;
    final List<String> columns;
    final JavaRDD<TableRow> rows;

    private SparkTable(String source, List<String> columns, JavaRDD<TableRow> rows) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /**
     * The table at {@code path}, split with the test share {@code testFraction} and the validation share
     * {@code validationFraction}, seeded by {@code seed}.
     */
    static SparkTable read(SparkSession spark, String path, double testFraction, double validationFraction,
            long seed) {
        Dataset<Row> frame = isParquet(path) ? spark.read().parquet(path)
                : spark.read().option("header", true).option("inferSchema", false).option("mode", "FAILFAST")
                        .csv(path);
        List<String> columns = new ArrayList<>();
        for (StructField field : frame.schema().fields()) {
            columns.add(field.name());
        }
        // Checks the header as one machine would: unique names, not too many columns.
        Table.of(path, columns, List.of());
        int width = columns.size();
        // Each row's position in the table: its partition's offset, from a count that parses no column, plus its
        // place in the partition.
        List<Long> sizes = frame.select(new Column[0]).javaRDD().mapPartitions(SparkTable::count).collect();
        long[] offsets = new long[sizes.size()];
        for (int p = 1; p < offsets.length; p++) {
            offsets[p] = offsets[p - 1] + sizes.get(p - 1);
        }
        JavaRDD<TableRow> rows = frame.javaRDD().mapPartitionsWithIndex((p, part) -> asText(part, offsets[p], width,
                testFraction, validationFraction, seed), true);
        return new SparkTable(path, columns, rows);
    }

    private static boolean isParquet(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".parquet") || lower.endsWith(".parquet/")
                || java.nio.file.Files.isDirectory(java.nio.file.Path.of(path));
    }

    private static Iterator<Long> count(Iterator<Row> rows) {
        long n = 0;
        for (; rows.hasNext(); rows.next()) {
            n++;
        }
        return List.of(n).iterator();
    }

    private static Iterator<TableRow> asText(Iterator<Row> rows, long offset, int width, double testFraction,
            double validationFraction, long seed) {
        return new Iterator<>() {
            private long index = offset;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public TableRow next() {
                Row row = rows.next();
                String[] cells = new String[width];
                for (int c = 0; c < width; c++) {
                    // Spark reads an empty CSV cell as null; nn4j's gap is the empty cell.
                    cells[c] = row.isNullAt(c) ? "" : String.valueOf(row.get(c));
                }
                index++;
                return new TableRow(index - 1, Split.hashedPart(index - 1, testFraction, validationFraction, seed),
                        cells);
            }
        };
    }

    /** The column's position, or an error naming the columns there are (as a table in memory says it). */
    int requireColumn(String column, String role) {
        return Table.of(source, columns, List.of()).requireColumn(column, role);
    }

    /** The number of partitions the rows come in. */
    int partitions() {
        return rows.getNumPartitions();
    }

    /** The rows of one part of the split: {@link Split#TRAIN}, {@link Split#VALIDATION} or {@link Split#TEST}. */
    JavaRDD<TableRow> part(int part) {
        return rows.filter(row -> row.part() == part);
    }
}
