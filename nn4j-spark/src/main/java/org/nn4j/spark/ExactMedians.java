package org.nn4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;

/**
 * The exact median of numeric columns whose values stay on the executors, without sorting them: a pass counts each
 * column's values in {@value #BUCKETS} equal buckets between its least and greatest value; the bucket (or buckets)
 * that hold the middle rank(s) narrow the range; once the values in range are few (at most {@value #FEW} distinct
 * ones) a last pass collects them with their counts, and the middle one — or the mean of the middle two, for an
 * even count — is picked, as one machine picks it from the sorted values. The driver receives only counts.
 */
final class ExactMedians {

    static final int BUCKETS = 4096;
    static final int FEW = 50_000;

    private ExactMedians() {
    }

    /** Which rows count, and where a column's numbers are in them. */
    interface Values extends Serializable {
        /** Column c's number in this row, or NaN when the row does not count or the cell is a gap. */
        double of(TableRow row, int c);
    }

    /**
     * The medians of the columns with {@code count[c] > 0} values ({@code min[c]} to {@code max[c]}), NaN for the
     * others.
     */
    static double[] of(JavaRDD<TableRow> rows, Values values, long[] count, double[] min, double[] max) {
        int columns = count.length;
        double[] median = new double[columns];
        double[] lo = min.clone();
        double[] hi = max.clone();
        // Ranks (from 0) of the middle value(s), counted among the values still in range.
        long[] lower = new long[columns];
        long[] upper = new long[columns];
        boolean[] open = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            median[c] = Double.NaN;
            lower[c] = (count[c] - 1) / 2;
            upper[c] = count[c] / 2;
            open[c] = count[c] > 0;
            if (open[c] && lo[c] == hi[c]) {
                median[c] = lo[c];
                open[c] = false;
            }
        }
        while (anyOpen(open)) {
            double[] from = lo.clone();
            double[] to = hi.clone();
            boolean[] counting = open.clone();
            long[][] histogram = rows.aggregate(new long[columns][], (h, row) -> {
                for (int c = 0; c < columns; c++) {
                    double v = counting[c] ? values.of(row, c) : Double.NaN;
                    if (v >= from[c] && v <= to[c]) {
                        if (h[c] == null) {
                            h[c] = new long[BUCKETS];
                        }
                        h[c][bucket(v, from[c], to[c])]++;
                    }
                }
                return h;
            }, ExactMedians::add);
            boolean[] collect = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                if (!counting[c]) {
                    continue;
                }
                long before = 0;
                int first = -1;
                int last = -1;
                long firstBefore = 0;
                for (int b = 0; b < BUCKETS; b++) {
                    long n = histogram[c][b];
                    if (first < 0 && lower[c] < before + n) {
                        first = b;
                        firstBefore = before;
                    }
                    if (upper[c] < before + n) {
                        last = b;
                        break;
                    }
                    before += n;
                }
                long inRange = 0;
                for (int b = first; b <= last; b++) {
                    inRange += histogram[c][b];
                }
                // The range narrows to the middle bucket(s); the ranks become ranks within it.
                lo[c] = lowestIn(first, from[c], to[c]);
                hi[c] = highestIn(last, from[c], to[c]);
                lower[c] -= firstBefore;
                upper[c] -= firstBefore;
                collect[c] = inRange <= FEW || first == last && lo[c] == hi[c];
            }
            if (anyOpen(collect)) {
                double[] a = lo.clone();
                double[] b = hi.clone();
                List<TreeMap<Double, Long>> found = rows.aggregate(emptyMaps(columns), (maps, row) -> {
                    for (int c = 0; c < columns; c++) {
                        double v = collect[c] ? values.of(row, c) : Double.NaN;
                        if (v >= a[c] && v <= b[c]) {
                            maps.get(c).merge(v, 1L, Long::sum);
                        }
                    }
                    return maps;
                }, ExactMedians::merge);
                for (int c = 0; c < columns; c++) {
                    if (collect[c]) {
                        median[c] = (valueAt(found.get(c), lower[c]) + valueAt(found.get(c), upper[c])) / 2.0;
                        open[c] = false;
                    }
                }
            }
        }
        return median;
    }

    /** The bucket of {@code v} in [from, to]: the same arithmetic in every pass, so that ranges nest exactly. */
    static int bucket(double v, double from, double to) {
        int b = (int) ((v - from) / (to - from) * BUCKETS);
        return Math.max(0, Math.min(BUCKETS - 1, b));
    }

    /** The least double whose bucket is {@code b} or later. */
    private static double lowestIn(int b, double from, double to) {
        double guess = from + (to - from) * b / BUCKETS;
        while (guess > from && bucket(Math.nextDown(guess), from, to) >= b) {
            guess = Math.nextDown(guess);
        }
        while (bucket(guess, from, to) < b) {
            guess = Math.nextUp(guess);
        }
        return guess;
    }

    /** The greatest double whose bucket is {@code b} or earlier. */
    private static double highestIn(int b, double from, double to) {
        double guess = from + (to - from) * (b + 1) / BUCKETS;
        guess = Math.min(guess, to);
        while (guess < to && bucket(Math.nextUp(guess), from, to) <= b) {
            guess = Math.nextUp(guess);
        }
        while (bucket(guess, from, to) > b) {
            guess = Math.nextDown(guess);
        }
        return guess;
    }

    private static double valueAt(TreeMap<Double, Long> counts, long rank) {
        long seen = 0;
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (rank < seen) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond the " + seen + " values collected");
    }

    private static boolean anyOpen(boolean[] open) {
        for (boolean o : open) {
            if (o) {
                return true;
            }
        }
        return false;
    }

    private static long[][] add(long[][] a, long[][] b) {
        for (int c = 0; c < a.length; c++) {
            if (a[c] == null) {
                a[c] = b[c];
            } else if (b[c] != null) {
                for (int i = 0; i < a[c].length; i++) {
                    a[c][i] += b[c][i];
                }
            }
        }
        return a;
    }

    private static List<TreeMap<Double, Long>> emptyMaps(int columns) {
        List<TreeMap<Double, Long>> maps = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            maps.add(new TreeMap<>());
        }
        return maps;
    }

    private static List<TreeMap<Double, Long>> merge(List<TreeMap<Double, Long>> a, List<TreeMap<Double, Long>> b) {
        for (int c = 0; c < a.size(); c++) {
            TreeMap<Double, Long> into = a.get(c);
            b.get(c).forEach((v, n) -> into.merge(v, n, Long::sum));
        }
        return a;
    }
}
