package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.ClassificationMetrics;
import org.nn4j.metrics.ConfusionMatrix;
import org.nn4j.metrics.Evaluation;
import org.nn4j.metrics.RankingSums;
import org.nn4j.metrics.RegressionMetrics;
import org.nn4j.metrics.Task;
import org.nn4j.nn.BinaryCrossEntropy;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import scala.Tuple2;

/**
 * A trained network's test metrics, computed where the test rows live: each executor scores its rows (chunk by
 * chunk, with nn4j's own prediction) and returns sums — the confusion matrix and log-loss for a classifier, the
 * squared and absolute errors and the label's spread for a regression. The ranking metrics (ROC AUC, average
 * precision) need the scores in order: they are sorted on the executors, one class per partition, and summed in
 * that order ({@link RankingSums}). The driver receives only those sums.
 */
final class SparkEvaluation {

    private SparkEvaluation() {
    }

    static Evaluation of(Network network, Preprocessing prep, JavaRDD<TableRow> rows, String source,
            List<String> columns) {
        byte[] model = ModelFile.toBytes(new SavedModel(network, java.util.Map.of()));
        String saved = TableChunks.saved(prep);
        Task task = prep.task();
        JavaRDD<Tuple2<Table, Matrix>> scored = rows.mapPartitions(part -> TableChunks.map(part, source, columns,
                chunk -> score(model, saved, chunk)));
        if (!task.isClassification()) {
            return regression(scored, saved);
        }
        int classes = prep.label().classes().size();
        double[] sums = scored.map(s -> confusion(saved, s, classes)).fold(new double[classes * classes + 1],
                SparkRows::add);
        if (sums.length == 1 || total(sums, classes) == 0) {
            return Evaluation.none();
        }
        long[][] counts = new long[classes][classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                counts[t][p] = Math.round(sums[t * classes + p]);
            }
        }
        double[] areas = ranking(scored, saved, task, classes);
        return Evaluation.of(ClassificationMetrics.of(ConfusionMatrix.ofCounts(prep.label().classes(), counts),
                sums[classes * classes], areas[0], areas[1]));
    }

    private static long total(double[] sums, int classes) {
        long n = 0;
        for (int i = 0; i < classes * classes; i++) {
            n += Math.round(sums[i]);
        }
        return n;
    }

    private static Tuple2<Table, Matrix> score(byte[] model, String saved, TableChunks.Chunk chunk) {
        Preprocessing prep = TableChunks.preprocessing(saved);
        Network network = ModelFile.fromBytes(model).network();
        Table table = chunk.table();
        return new Tuple2<>(table, network.predict(prep.encodeInputs(table, table.allRows())));
    }

    /** {@code [counts[t][p] row after row…, log-loss sum]} of one chunk. */
    private static double[] confusion(String saved, Tuple2<Table, Matrix> scored, int classes) {
        Preprocessing prep = TableChunks.preprocessing(saved);
        Task task = prep.task();
        Table table = scored._1();
        Matrix outputs = scored._2();
        int[] actual = prep.classesOf(table, table.allRows());
        double[] out = new double[classes * classes + 1];
        for (int r = 0; r < actual.length; r++) {
            out[actual[r] * classes + task.predictedClass(outputs, r)]++;
            out[classes * classes] -= Math.log(Math.max(task.probability(outputs, r, actual[r]),
                    BinaryCrossEntropy.CLIP));
        }
        return out;
    }

    /**
     * {@code [ROC AUC, average precision]}: of the second class's score for binary, else each class against the
     * rest, averaged over the classes that occur (NaN when fewer than two do).
     */
    private static double[] ranking(JavaRDD<Tuple2<Table, Matrix>> scored, String saved, Task task, int classes) {
        int ranked = task == Task.BINARY ? 1 : classes;
        List<double[]> perClass = scored.flatMapToPair(s -> {
            Preprocessing prep = TableChunks.preprocessing(saved);
            int[] actual = prep.classesOf(s._1(), s._1().allRows());
            List<Tuple2<Tuple2<Integer, Double>, Boolean>> out = new ArrayList<>();
            for (int r = 0; r < actual.length; r++) {
                if (task == Task.BINARY) {
                    out.add(new Tuple2<>(new Tuple2<>(0, s._2().get(r, 0)), actual[r] == 1));
                } else {
                    for (int c = 0; c < classes; c++) {
                        out.add(new Tuple2<>(new Tuple2<>(c, s._2().get(r, c)), actual[r] == c));
                    }
                }
            }
            return out.iterator();
        }).repartitionAndSortWithinPartitions(new SortedGroups.ByGroup(ranked), SortedGroups.DESCENDING)
                .mapPartitions(SparkEvaluation::areas).collect();
        if (task == Task.BINARY) {
            return perClass.isEmpty() ? new double[] {Double.NaN, Double.NaN}
                    : new double[] {perClass.get(0)[0], perClass.get(0)[1]};
        }
        double roc = 0;
        double precision = 0;
        int counted = 0;
        for (double[] areas : perClass) {
            // A class with no positive sample is left out, as one machine leaves it out.
            if (!Double.isNaN(areas[1])) {
                roc += areas[0];
                precision += areas[1];
                counted++;
            }
        }
        return counted < 2 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {roc / counted, precision / counted};
    }

    /** The areas of the one class whose scores this partition holds, from the highest down. */
    private static Iterator<double[]> areas(Iterator<Tuple2<Tuple2<Integer, Double>, Boolean>> sorted) {
        if (!sorted.hasNext()) {
            return List.<double[]>of().iterator();
        }
        RankingSums sums = new RankingSums();
        Tuple2<Tuple2<Integer, Double>, Boolean> first = sorted.next();
        double score = first._1()._2();
        long tp = first._2() ? 1 : 0;
        long fp = first._2() ? 0 : 1;
        while (sorted.hasNext()) {
            Tuple2<Tuple2<Integer, Double>, Boolean> next = sorted.next();
            if (next._1()._2() != score) {
                sums.add(tp, fp);
                score = next._1()._2();
                tp = 0;
                fp = 0;
            }
            tp += next._2() ? 1 : 0;
            fp += next._2() ? 0 : 1;
        }
        sums.add(tp, fp);
        return List.of(new double[] {sums.rocAuc(), sums.averagePrecision()}).iterator();
    }

    private static Evaluation regression(JavaRDD<Tuple2<Table, Matrix>> scored, String saved) {
        // [n, Σ(ŷ − y)², Σ|ŷ − y|, Σy]
        double[] sums = scored.map(s -> {
            Preprocessing prep = TableChunks.preprocessing(saved);
            double[] actual = prep.valuesOf(s._1(), s._1().allRows());
            double[] out = new double[4];
            for (int r = 0; r < actual.length; r++) {
                double error = prep.label().toLabelUnits(s._2().get(r, 0)) - actual[r];
                out[0]++;
                out[1] += error * error;
                out[2] += Math.abs(error);
                out[3] += actual[r];
            }
            return out;
        }).fold(new double[4], SparkRows::add);
        if (sums[0] == 0) {
            return Evaluation.none();
        }
        double mean = sums[3] / sums[0];
        double total = scored.map(s -> {
            double[] actual = TableChunks.preprocessing(saved).valuesOf(s._1(), s._1().allRows());
            double sum = 0;
            for (double y : actual) {
                sum += (y - mean) * (y - mean);
            }
            return sum;
        }).fold(0.0, Double::sum);
        return Evaluation.of(RegressionMetrics.ofSums(Math.toIntExact(Math.round(sums[0])), sums[1], sums[2],
                total));
    }
}
