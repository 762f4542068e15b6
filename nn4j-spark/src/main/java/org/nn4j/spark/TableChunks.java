package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.Json;

/**
 * A partition's rows in chunks of at most {@value #ROWS} as small {@link Table}s, so that nn4j's own code encodes and
 * scores them exactly as on one machine while an executor holds one chunk at a time, however large its partition.
 * The preprocessing travels as its saved form (JSON), which keeps every number exactly.
 */
final class TableChunks {

    /** Rows per chunk: large enough for fast kernels, small enough for a small executor heap. */
    static final int ROWS = 1024;

    private TableChunks() {
    }

    /** The preprocessing in the form that travels to the executors. */
    static String saved(Preprocessing prep) {
        return Json.write(prep.toMap());
    }

    @SuppressWarnings("unchecked")
    static Preprocessing preprocessing(String saved) {
        return Preprocessing.fromMap((Map<String, Object>) Json.parse(saved));
    }

    /** {@code convert} applied to each chunk of {@code rows}, as a table named {@code source} with {@code columns}. */
    static <T> Iterator<T> map(Iterator<TableRow> rows, String source, List<String> columns,
            Function<Chunk, T> convert) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String[]> cells = new ArrayList<>();
                int[] index = new int[ROWS];
                while (rows.hasNext() && cells.size() < ROWS) {
                    TableRow row = rows.next();
                    index[cells.size()] = Math.toIntExact(row.index());
                    cells.add(row.cells());
                }
                return convert.apply(new Chunk(Table.of(source, columns, cells),
                        java.util.Arrays.copyOf(index, cells.size())));
            }
        };
    }

    /**
     * The rows of {@code rows} in part {@code part} of the split, numbered from {@code first} on: their positions
     * among the rows of that part, as one machine numbers its training rows.
     */
    static Iterator<TableRow> ofPart(Iterator<TableRow> rows, int part, long first) {
        return new Iterator<>() {
            private TableRow ahead;
            private long next = first;

            @Override
            public boolean hasNext() {
                while (ahead == null && rows.hasNext()) {
                    TableRow row = rows.next();
                    ahead = row.part() == part ? row : null;
                }
                return ahead != null;
            }

            @Override
            public TableRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TableRow row = new TableRow(next++, part, ahead.cells());
                ahead = null;
                return row;
            }
        };
    }

    /** Rows of a chunk, and their {@link TableRow#index}es. */
    record Chunk(Table table, int[] index) {
    }
}
