package org.nn4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nn4j.data.NumberText;
import org.nn4j.grad.GradientEngine;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Loss;
import org.nn4j.optim.LearningRateSchedule;
import org.nn4j.optim.Optimizer;

/**
 * Everything that decides what a training run computes, fixed for the run: made by {@link TrainingLoop#builder},
 * recorded in model files and checkpoints ({@link #describe}), and compared when a run resumes. The optimizer and
 * the schedule are the objects that take the steps; they carry the run's moving state (moment estimates, the
 * current rate), which checkpoints save beside these settings.
 *
 * @param task what is learned, and so the loss
 * @param optimizer takes each step from the gradient
 * @param engine how the gradient is computed: backpropagation (split over the cores) or a numerical estimate
 * @param schedule the learning rate of each epoch
 * @param batchSize rows per mini-batch; the last batch of an epoch may be smaller
 * @param epochs the most epochs to train
 * @param seed seeds shuffling and dropout
 * @param shuffle whether each epoch visits the rows in a new order (off for the tutorial's full batch)
 * @param clipNorm the gradients' global norm is clipped to this before each step; 0 for none
 * @param l2 the penalty (λ/2)·Σ‖W‖² on the weight matrices; 0 for none
 * @param earlyStopping when to stop before {@code epochs}; null for never
 * @param measureEvery metrics are measured every this many epochs (and after the last); 1 unless no early stopping
 *     or plateau schedule needs them each epoch
 * @param lossAtEpochEnd measure the training loss over all rows at the epoch's final weights, as the tutorial
 *     does, instead of averaging the batches' losses while the weights moved, as Keras does
 * @param classWeights each sample's loss is multiplied by its class's weight, in training and validation alike;
 *     null for none
 */
public record TrainingSettings(Task task, Optimizer optimizer, GradientEngine engine, LearningRateSchedule schedule,
        int batchSize, int epochs, long seed, boolean shuffle, double clipNorm, double l2,
        EarlyStopping earlyStopping, int measureEvery, boolean lossAtEpochEnd, ClassWeights classWeights) {

    public TrainingSettings {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(schedule, "schedule");
        task.loss(classWeights);
        if (measureEvery > 1 && earlyStopping != null) {
            throw new IllegalArgumentException("Early stopping watches a metric every epoch; measure every epoch"
                    + " (not every " + measureEvery + ") to use it");
        }
    }

    /** The loss the run minimises and measures: the task's, weighted by class when class weights are given. */
    public Loss loss() {
        return task.loss(classWeights);
    }

    /** The settings as strings, for the model file's training record and for comparing a resumed run's. */
    public Map<String, String> describe() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("loss", task.loss().name());
        if (classWeights != null) {
            s.put("class_weight", classWeights.describe());
        }
        s.put("optimizer", optimizer.name());
        s.put("engine", engine.name());
        s.put("batch_size", batchSize + (optimizer.needsObjective() ? " (full batch)" : ""));
        s.put("max_epochs", Integer.toString(epochs));
        s.put("seed", Long.toString(seed));
        s.put("schedule", schedule.name());
        if (!shuffle) {
            s.put("shuffle", "off");
        }
        if (clipNorm > 0) {
            s.put("clip_norm", NumberText.format(clipNorm));
        }
        if (l2 > 0) {
            s.put("l2", NumberText.format(l2));
        }
        if (earlyStopping != null) {
            s.put("early_stopping", earlyStopping.monitor() + ", patience " + earlyStopping.patience()
                    + (earlyStopping.restoreBest() ? ", best weights restored" : ""));
        }
        return s;
    }

    /** True when epoch {@code epoch} is one whose metrics are measured. */
    boolean measures(int epoch) {
        return epoch % measureEvery == 0 || epoch == epochs;
    }
}
