package org.nn4j.dashboard;

import java.util.List;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.io.Json;
import org.nn4j.nn.Network;
import org.nn4j.predict.DecisionPlane;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;

/**
 * The dashboard's playground: the page asks for a built-in 2-D data set with noise, hidden layers, activation,
 * optimizer and learning rate ({@link PlaygroundForm}, which checks them), and this trains it in the background,
 * one run at a time, live on the page, within {@value PlaygroundForm#MAX_LAYERS} hidden layers of
 * {@value PlaygroundForm#MAX_UNITS} units and {@value PlaygroundForm#MAX_EPOCHS} epochs.
 */
public final class Playground {

    private final EventLog log;
    private volatile LiveRun current;
    private volatile Thread worker;

    public Playground(EventLog log) {
        this.log = log;
        log.publish("mode", "{\"playground\":true}");
        // Until the first run, the page shows that nothing runs rather than that it is still connecting.
        log.publish("status", Json.write(Map.of("state", "idle", "message", "choose a data set and press Train")));
    }

    /** Routes the page's buttons to the run in progress. */
    public String control(String action) {
        LiveRun run = current;
        return run == null ? (List.of("pause", "resume", "stop").contains(action) ? "error: no run in progress" : null)
                : run.control(action);
    }

    /** Starts a run from the page's form (JSON); answers what it started, or {@code error: …}. */
    public synchronized String start(String body) {
        Thread running = worker;
        if (running != null && running.isAlive()) {
            return "error: a run is in progress; stop it first";
        }
        try {
            PlaygroundForm form = PlaygroundForm.parse(body);
            String dataset = form.dataset();
            double noise = form.noise();
            String optimizer = form.optimizer();
            double lr = form.lr();
            int epochs = form.epochs();
            Table table = SyntheticData.byName(dataset, 400, 3, noise, 1);
            // The library's recipe with the page's choices: every row trains (the page shows the fit), no early stop.
            Recipe recipe = Recipe.builder().hidden(form.layers()).activation(form.activation()).optimizer(optimizer)
                    .learningRate(lr).epochs(epochs).batch(16).patience(0).testFraction(0).validationFraction(0)
                    .seed(1).build();
            Plan plan = new Estimator(recipe).plan(table, "label", null);
            Network network = plan.network();
            Preprocessing prep = plan.preprocessing();
            Dataset data = plan.train();
            LiveRun run = new LiveRun(log, network, DecisionPlane.of(network, prep, table, table.allRows()),
                    data.size(), () -> false);
            TrainingLoop trainer = plan.loop().stopWhen(run::stopRequested).build();
            String title = "Playground: " + dataset + " (noise " + noise + "), " + network.describe() + ", "
                    + optimizer + " lr " + lr;
            current = run;
            worker = new Thread(() -> {
                GradientNorms norms = new GradientNorms();
                run.started(title, epochs, prep.label().classes());
                FitResult result = trainer.fit(network, data, null, run.andThen(norms));
                run.finished(result.stopReason().equals(FitResult.INTERRUPTED) ? "stopped" : "finished",
                        "trained " + result.epochs() + " epochs", plan.finish(result, norms).diagnoses());
            }, "nn4j-playground");
            worker.setDaemon(true);
            worker.start();
            return "started: " + title;
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }
}
