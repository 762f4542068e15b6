package org.nn4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.nn.BinaryCrossEntropy;
import org.nn4j.tensor.Matrix;

/**
 * The scores of a classifier on labelled samples.
 *
 * @param accuracy the fraction of samples whose most probable class is the true one
 * @param logLoss the mean of −ln p(true class), each p clipped to [1e-15, 1]
 * @param perClass precision, recall and F1 of each class
 * @param macroF1 the unweighted mean of the classes' F1
 * @param balancedAccuracy the unweighted mean of the classes' recall, over the classes that occur (scikit-learn's
 *     {@code balanced_accuracy_score}): 1/K for always answering one class, however rare the others
 * @param rocAuc the area under the ROC curve ({@link RocAuc}): of the second class's probability for binary, one
 *     class against the rest and averaged for multi-class; NaN when only one class occurs
 * @param prAuc the area under the precision-recall curve as average precision ({@link AveragePrecision}), of the
 *     second class for binary, one-vs-rest and averaged for multi-class; NaN when it is not defined
 */
public record ClassificationMetrics(int samples, double accuracy, double logLoss, ConfusionMatrix confusion,
        List<ClassScores> perClass, double macroF1, double balancedAccuracy, double rocAuc, double prAuc) {

    public ClassificationMetrics {
        perClass = List.copyOf(perClass);
    }

    /** Scores the network outputs {@code outputs} of {@code task} against the true class indices. */
    public static ClassificationMetrics of(Task task, Matrix outputs, int[] actual, List<String> classes) {
        if (!task.isClassification()) {
            throw new IllegalArgumentException("Classification metrics need a classification task, got "
                    + task.description());
        }
        int n = actual.length;
        if (n == 0) {
            throw new IllegalArgumentException("Cannot score a classifier on no samples");
        }
        int[] predicted = new int[n];
        double logLoss = 0.0;
        for (int r = 0; r < n; r++) {
            predicted[r] = task.predictedClass(outputs, r);
            logLoss -= Math.log(Math.max(task.probability(outputs, r, actual[r]), BinaryCrossEntropy.CLIP));
        }
        ConfusionMatrix confusion = new ConfusionMatrix(classes, actual, predicted);
        double rocAuc;
        double prAuc;
        if (task == Task.BINARY) {
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                score[r] = outputs.get(r, 0);
                positive[r] = actual[r] == 1;
            }
            rocAuc = RocAuc.of(score, positive);
            prAuc = AveragePrecision.of(score, positive);
        } else {
            double[][] probabilities = outputs.toRows();
            rocAuc = RocAuc.oneVsRestMacro(probabilities, actual, classes.size());
            prAuc = AveragePrecision.oneVsRestMacro(probabilities, actual, classes.size());
        }
        return of(confusion, logLoss, rocAuc, prAuc);
    }

    /**
     * The scores from what was counted elsewhere (on a cluster, say): the confusion matrix, the sum of
     * −ln p(true class) over the samples, and the two areas.
     */
    public static ClassificationMetrics of(ConfusionMatrix confusion, double logLossSum, double rocAuc,
            double prAuc) {
        List<String> classes = confusion.classes();
        int n = 0;
        int correct = 0;
        for (int c = 0; c < classes.size(); c++) {
            n += confusion.support(c);
            correct += confusion.count(c, c);
        }
        if (n == 0) {
            throw new IllegalArgumentException("Cannot score a classifier on no samples");
        }
        List<ClassScores> scores = new ArrayList<>();
        double f1Sum = 0.0;
        double recallSum = 0.0;
        int occurring = 0;
        for (int c = 0; c < classes.size(); c++) {
            int tp = confusion.count(c, c);
            int predictedC = confusion.predictedCount(c);
            int support = confusion.support(c);
            double precision = predictedC == 0 ? 0.0 : (double) tp / predictedC;
            double recall = support == 0 ? 0.0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScores(classes.get(c), precision, recall, f1, support));
            f1Sum += f1;
            if (support > 0) {
                recallSum += recall;
                occurring++;
            }
        }
        return new ClassificationMetrics(n, (double) correct / n, logLossSum / n, confusion, scores,
                f1Sum / classes.size(), recallSum / occurring, rocAuc, prAuc);
    }

    /**
     * The scores as a JSON-ready map: accuracy, loss, macro_f1, balanced_accuracy, roc_auc and pr_auc (null where
     * undefined), per_class, confusion_matrix, classes.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("task", "classification");
        map.put("samples", samples);
        map.put("accuracy", accuracy);
        map.put("loss", logLoss);
        map.put("macro_f1", macroF1);
        map.put("balanced_accuracy", balancedAccuracy);
        // JSON has no NaN: an undefined area is null.
        map.put("roc_auc", Double.isNaN(rocAuc) ? null : rocAuc);
        map.put("pr_auc", Double.isNaN(prAuc) ? null : prAuc);
        map.put("classes", confusion.classes());
        List<Object> rows = new ArrayList<>();
        for (int[] row : confusion.toArray()) {
            List<Integer> r = new ArrayList<>();
            for (int v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        map.put("confusion_matrix", rows);
        Map<String, Object> classScores = new LinkedHashMap<>();
        for (ClassScores s : perClass) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("precision", s.precision());
            one.put("recall", s.recall());
            one.put("f1", s.f1());
            one.put("support", s.support());
            classScores.put(s.name(), one);
        }
        map.put("per_class", classScores);
        return map;
    }

    /** An area with how it was taken, e.g. {@code 0.9512 (one-vs-rest macro)}. */
    private static String area(double value, String how) {
        return Double.isNaN(value) ? "n/a (needs rows of 2 or more classes)"
                : String.format("%.4f (%s)", value, how);
    }

    /**
     * A readable report: accuracy, log-loss, macro F1, balanced accuracy, ROC AUC and PR AUC, a per-class table
     * and the confusion matrix.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Samples: %d%nAccuracy: %.4f%nLog-loss: %.4f%nMacro F1: %.4f%n", samples, accuracy,
                logLoss, macroF1));
        boolean binary = confusion.classes().size() == 2;
        String which = binary ? "of '" + confusion.classes().get(1) + "'" : "one-vs-rest macro";
        sb.append(String.format("Balanced accuracy: %.4f%nROC AUC: %s%nPR AUC: %s%n%n", balancedAccuracy,
                area(rocAuc, which), area(prAuc, "average precision" + (binary ? " " : ", ") + which)));
        int width = 8;
        for (ClassScores s : perClass) {
            width = Math.max(width, s.name().length() + 1);
        }
        sb.append(String.format("%-" + width + "s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1",
                "support"));
        for (ClassScores s : perClass) {
            sb.append(String.format("%-" + width + "s %9.4f %9.4f %9.4f %9d%n", s.name(), s.precision(), s.recall(),
                    s.f1(), s.support()));
        }
        sb.append(System.lineSeparator()).append("Confusion matrix (rows: true class, columns: predicted)")
                .append(System.lineSeparator()).append(confusion.format());
        return sb.toString();
    }
}
