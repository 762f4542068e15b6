package org.nn4j.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * optimizer and learning rate, and this trains it in the background, one run at a time, live on the page, within
 * {@value #MAX_LAYERS} hidden layers of {@value #MAX_UNITS} units and {@value #MAX_EPOCHS} epochs.
 */
public final class Playground {

    /*
     * What the page may ask for, so that a form (or, should one get past the server's checks, another page) cannot
     * occupy the machine: at most about two minutes of one core at the largest settings.
     */
    static final int MAX_LAYERS = 4;
    static final int MAX_UNITS = 64;
    static final int MAX_EPOCHS = 10_000;

    private final EventLog log;
    private volatile LiveRun current;
    private volatile Thread worker;

    public Playground(EventLog log) {
        this.log = log;
        log.publish("mode", "{\"playground\":true}");
    }

    /** Routes the page's buttons to the run in progress. */
    public String control(String action) {
        LiveRun run = current;
        return run == null ? (List.of("pause", "resume", "stop").contains(action) ? "no run in progress" : null)
                : run.control(action);
    }

    /** Starts a run from the page's form (JSON); answers what it started, or {@code error: …}. */
    public synchronized String start(String body) {
        Thread running = worker;
        if (running != null && running.isAlive()) {
            return "error: a run is in progress; stop it first";
        }
        try {
            Object parsed = Json.parse(body);
            if (!(parsed instanceof Map<?, ?> request)) {
                return "error: expected a JSON object";
            }
            String dataset = text(request, "dataset", "moons").toLowerCase(Locale.ROOT);
            double noise = number(request, "noise", 0.1);
            List<Integer> layers = new ArrayList<>();
            for (String part : text(request, "layers", "16,16").split(",")) {
                if (!part.isBlank()) {
                    layers.add(Integer.parseInt(part.trim()));
                }
            }
            if (layers.size() > MAX_LAYERS || layers.stream().anyMatch(u -> u < 1 || u > MAX_UNITS)) {
                return "error: up to " + MAX_LAYERS + " hidden layers of 1 to " + MAX_UNITS + " units";
            }
            String activation = text(request, "activation", "relu");
            String optimizer = text(request, "optimizer", "adam");
            double lr = number(request, "lr", 0.01);
            int epochs = (int) number(request, "epochs", 300);
            if (epochs < 1 || epochs > MAX_EPOCHS || !(noise >= 0 && noise <= 5)) {
                return "error: epochs from 1 to " + MAX_EPOCHS + " and noise from 0 to 5";
            }
            Table table = SyntheticData.byName(dataset, 400, 3, noise, 1);
            // The library's recipe with the page's choices: every row trains (the page shows the fit), no early stop.
            Recipe recipe = Recipe.builder().hidden(layers).activation(activation).optimizer(optimizer)
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

    private static String text(Map<?, ?> request, String key, String fallback) {
        Object v = request.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static double number(Map<?, ?> request, String key, double fallback) {
        Object v = request.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " should be a number, got '" + v + "'");
        }
    }
}
