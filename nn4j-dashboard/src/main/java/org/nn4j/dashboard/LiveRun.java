package org.nn4j.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.doctor.TrainingDoctor;
import org.nn4j.io.Json;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.predict.DecisionPlane;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.TrainingListener;

/**
 * Connects a training run to the dashboard: as a {@link TrainingListener} it publishes each epoch's metrics, the
 * learning rate, throughput and per-layer gradient norms, and every few epochs the network's weights and (for
 * two-dimensional data) the decision boundary; as the target of the page's buttons it pauses the training thread
 * between mini-batches, resumes it, or asks the trainer to stop ({@link #stopRequested}).
 */
public final class LiveRun implements TrainingListener {

    /** Cells per side of the boundary grid sent to the page. */
    static final int GRID = 100;
    /** Data points sent to the page's boundary view: a stratified sample beyond this many. */
    static final int MAX_POINTS = 1000;
    /** The seed of that sample: the same points in every run on the same data. */
    private static final long POINTS_SEED = 1;
    /** Units per layer sent to the page's network graph. */
    static final int MAX_UNITS = 24;

    private final EventLog log;
    private final Network network;
    private final DecisionPlane plane;
    private final int samplesPerEpoch;
    private final BooleanSupplier externalStop;
    /** The gradient norms of each epoch's first step. */
    private final GradientNorms norms = new GradientNorms();
    private int normsEpoch;
    private final Object pause = new Object();
    /** What the page shows: starting, running, paused, stopping, then how the run ended. */
    private String state = "starting";
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private long epochStartNanos;
    private long lastPictureNanos;
    private long lastCheckNanos;
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> validationLosses = new ArrayList<>();

    /**
     * @param samplesPerEpoch training rows, for throughput
     * @param externalStop another reason to stop waiting while paused (Ctrl-C)
     */
    public LiveRun(EventLog log, Network network, DecisionPlane plane, int samplesPerEpoch,
            BooleanSupplier externalStop) {
        this.log = log;
        this.network = network;
        this.plane = plane;
        this.samplesPerEpoch = samplesPerEpoch;
        this.externalStop = externalStop;
    }

    /** Announces the run to the page: what is trained, for how long, and the data points of a 2-D set. */
    public void started(String title, int epochs, List<String> classes) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("title", title);
        run.put("epochs", epochs);
        run.put("network", network.describe());
        run.put("classes", classes);
        run.put("plane", plane != null);
        if (plane != null) {
            run.put("bounds", List.of(plane.x0(), plane.x1(), plane.y0(), plane.y1()));
            List<Object> points = new ArrayList<>();
            for (double[] p : plane.sample(MAX_POINTS, POINTS_SEED)) {
                points.add(List.of(p[0], p[1], (int) p[2]));
            }
            run.put("points", points);
        }
        log.publish("run", Json.write(run));
        status("running", "training");
        publishPictures();
    }

    /**
     * Runs a page button: {@code pause}, {@code resume} or {@code stop}; returns the new state, {@code error: …}
     * when the run is past the point where the button means anything (nothing is changed then), or null for an
     * unknown action. Pressing pause while paused, or resume while running, changes nothing and says so.
     */
    public synchronized String control(String action) {
        switch (action) {
            case "pause" -> {
                if (!state.equals("running")) {
                    return state.equals("paused") ? "paused" : refusal("pause");
                }
                paused = true;
                status("paused", "paused: press resume to go on");
                return "paused";
            }
            case "resume" -> {
                if (!state.equals("paused")) {
                    return state.equals("running") ? "running" : refusal("resume");
                }
                synchronized (pause) {
                    paused = false;
                    pause.notifyAll();
                }
                status("running", "training");
                return "running";
            }
            case "stop" -> {
                if (!state.equals("running") && !state.equals("paused")) {
                    return state.equals("stopping") ? "stopping" : refusal("stop");
                }
                stopRequested = true;
                synchronized (pause) {
                    paused = false;
                    pause.notifyAll();
                }
                status("stopping", "stopping after this mini-batch; the model trained so far will be saved");
                return "stopping";
            }
            default -> {
                return null;
            }
        }
    }

    private String refusal(String action) {
        return "error: cannot " + action + " a run that is " + (state.equals("starting") ? "not started yet" : state);
    }

    /** True once the page's stop button was pressed; for the trainer's stop condition. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The run is over: its final state and the training doctor's findings. */
    public void finished(String state, String message, List<Diagnosis> diagnoses) {
        publishPictures();
        publishDiagnoses(diagnoses);
        status(state, message);
    }

    private void publishDiagnoses(List<Diagnosis> diagnoses) {
        List<Object> found = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            found.add(Map.of("kind", d.kind().title(), "finding", d.finding(), "remedy", d.remedy()));
        }
        log.publish("diagnoses", Json.write(found));
    }

    private synchronized void status(String state, String message) {
        this.state = state;
        log.publish("status", Json.write(Map.of("state", state, "message", message)));
    }

    @Override
    public void onEpochStart(int epoch, int batches) {
        waitWhilePaused();
        epochStartNanos = System.nanoTime();
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        waitWhilePaused();
    }

    @Override
    public void onGradients(int epoch, List<Parameter> parameters) {
        // One step per epoch is enough for a live picture and costs the training thread next to nothing; the run's
        // own GradientNorms, if it keeps one, still sees every step.
        if (epoch != normsEpoch) {
            normsEpoch = epoch;
            norms.onGradients(epoch, parameters);
        }
    }

    @Override
    public void onEpoch(EpochRecord record) {
        double seconds = Math.max(1e-9, (System.nanoTime() - epochStartNanos) / 1e9);
        Map<String, Object> epoch = new LinkedHashMap<>();
        epoch.put("epoch", record.epoch());
        epoch.put("metrics", record.metrics());
        epoch.put("lr", record.learningRate());
        epoch.put("samples_per_second", samplesPerEpoch / seconds);
        double[] latestNorms = norms.latest();
        if (latestNorms.length > 0) {
            List<Double> last = new ArrayList<>();
            for (double v : latestNorms) {
                last.add(Double.isFinite(v) ? v : 0.0);
            }
            epoch.put("grad_norms", last);
        }
        log.publish("epoch", Json.write(epoch));
        losses.add(record.get("loss"));
        if (record.metrics().containsKey("val_loss")) {
            validationLosses.add(record.get("val_loss"));
        }
        // The doctor also looks during the run, from what the run has shown so far: every two seconds (it reads
        // the whole history, so not every epoch: an epoch should cost the same at epoch 100,000 as at epoch 1).
        long now = System.nanoTime();
        if (now - lastCheckNanos > 2_000_000_000L) {
            lastCheckNanos = now;
            List<double[]> perEpoch = norms.perEpoch();
            List<Diagnosis> sofar = new ArrayList<>(TrainingDoctor.gradients(perEpoch));
            sofar.addAll(TrainingDoctor.lossCurve(losses, false));
            sofar.addAll(TrainingDoctor.overfitting(losses, validationLosses));
            publishDiagnoses(sofar);
        }
        // Pictures cost a forward pass over the grid: at most four a second.
        if (now - lastPictureNanos > 250_000_000L) {
            publishPictures();
        }
    }

    private void waitWhilePaused() {
        if (!paused) {
            return;   // the common case, at every mini-batch: no lock
        }
        synchronized (pause) {
            while (paused && !stopRequested && !externalStop.getAsBoolean()) {
                try {
                    pause.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void publishPictures() {
        lastPictureNanos = System.nanoTime();
        log.publish("network", Json.write(weights()));
        if (plane != null) {
            log.publish("boundary", Json.write(boundary()));
        }
    }

    private Map<String, Object> weights() {
        List<Object> layers = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> units = new ArrayList<>();  // the true widths, so the page can say what it leaves out
        sizes.add(Math.min(network.inputs(), MAX_UNITS));
        units.add(network.inputs());
        for (Dense layer : network.layers()) {
            sizes.add(Math.min(layer.units(), MAX_UNITS));
            units.add(layer.units());
            Matrix w = layer.weight().value();
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < Math.min(w.rows(), MAX_UNITS); i++) {
                List<Double> row = new ArrayList<>();
                for (int j = 0; j < Math.min(w.cols(), MAX_UNITS); j++) {
                    double v = w.get(i, j);
                    row.add(Double.isFinite(v) ? v : 0.0);
                }
                rows.add(row);
            }
            layers.add(rows);
        }
        return Map.of("sizes", sizes, "units", units, "weights", layers);
    }

    private Map<String, Object> boundary() {
        double[][] cells = new double[GRID * GRID][];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                cells[j * GRID + i] = new double[] {plane.x0() + (i + 0.5) * (plane.x1() - plane.x0()) / GRID,
                    plane.y1() - (j + 0.5) * (plane.y1() - plane.y0()) / GRID};
            }
        }
        double[][] outputs = plane.predict().apply(cells);
        // Three decimals are more than a pixel's colour can show, and keep the event small (about 60 KB).
        List<Double> values = new ArrayList<>();
        for (double[] o : outputs) {
            if (o.length == 1) {
                values.add(Double.isFinite(o[0]) ? Math.round(o[0] * 1000) / 1000.0 : 0.5);
            } else {
                int best = 0;
                for (int k = 1; k < o.length; k++) {
                    best = o[k] > o[best] ? k : best;
                }
                double confidence = Double.isFinite(o[best]) ? Math.round(o[best] * 1000) / 1000.0 : 0;
                values.add(best + Math.min(confidence, 0.999));
            }
        }
        return Map.of("n", GRID, "outputs", outputs.length == 0 ? 1 : outputs[0].length, "values", values);
    }
}
