package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import scala.Tuple2;

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
        JavaRDD<TableRow> rows = frame.javaRDD().zipWithIndex()
                .mapPartitions(part -> asText(part, width, testFraction, validationFraction, seed));
        return new SparkTable(path, columns, rows);
    }

    private static boolean isParquet(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".parquet") || lower.endsWith(".parquet/")
                || java.nio.file.Files.isDirectory(java.nio.file.Path.of(path));
    }

    private static Iterator<TableRow> asText(Iterator<Tuple2<Row, Long>> rows, int width, double testFraction,
            double validationFraction, long seed) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public TableRow next() {
                Tuple2<Row, Long> next = rows.next();
                String[] cells = new String[width];
                for (int c = 0; c < width; c++) {
                    // Spark reads an empty CSV cell as null; nn4j's gap is the empty cell.
                    cells[c] = next._1().isNullAt(c) ? "" : String.valueOf(next._1().get(c));
                }
                long index = next._2();
                return new TableRow(index, Split.hashedPart(index, testFraction, validationFraction, seed), cells);
            }
        };
    }

    /** The column's position, or an error naming the columns there are (as a table in memory says it). */
    int requireColumn(String column, String role) {
        return Table.of(source, columns, List.of()).requireColumn(column, role);
    }

    /** The rows of one part of the split: {@link Split#TRAIN}, {@link Split#VALIDATION} or {@link Split#TEST}. */
    JavaRDD<TableRow> part(int part) {
        return rows.filter(row -> row.part() == part);
    }
}
