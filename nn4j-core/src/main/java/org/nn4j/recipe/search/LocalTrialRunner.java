package org.nn4j.recipe.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains trials on this machine, several at once: each trial on one thread of a pool of {@code threads}. A trial's
 * result does not depend on which thread trains it or how many train beside it, so a search ranks the same trials
 * the same way on any number of threads.
 */
public final class LocalTrialRunner implements TrialRunner, AutoCloseable {

    private final TrialScorer scorer;
    private final ExecutorService pool;
    private final Map<Integer, TrialRun> runs = new ConcurrentHashMap<>();
    private final Map<Integer, Double> seconds = new ConcurrentHashMap<>();

    /** Trains with {@code scorer}'s runs on {@code threads} threads. */
    public LocalTrialRunner(TrialScorer scorer, int threads) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        if (threads < 1) {
            throw new IllegalArgumentException("A search needs 1 or more threads, got " + threads);
        }
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "nn4j-trial");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<TrialResult> trainTo(List<Trial> trials, int epochs) {
        // The trials left out are out of the search: their networks and rows need not stay in memory.
        runs.keySet().retainAll(trials.stream().map(Trial::number).toList());
        List<Future<TrialResult>> pending = new ArrayList<>();
        for (Trial trial : trials) {
            pending.add(pool.submit(() -> train(trial, epochs)));
        }
        List<TrialResult> results = new ArrayList<>();
        for (Future<TrialResult> f : pending) {
            results.add(await(f));
        }
        return results;
    }

    private TrialResult train(Trial trial, int epochs) {
        long start = System.nanoTime();
        TrialRun run = runs.computeIfAbsent(trial.number(), n -> scorer.start(trial.recipe()));
        Score score = run.trainTo(epochs);
        double took = seconds.merge(trial.number(), (System.nanoTime() - start) / 1e9, Double::sum);
        return new TrialResult(trial, score, run.epochs(), run.stopReason(), took);
    }

    private TrialResult await(Future<TrialResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a trial", e);
        } catch (ExecutionException e) {
            // A trial's own error (a setting the data cannot take) is the user's to read, as if it ran here.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("A trial failed", e.getCause());
        }
    }

    /** Stops the threads; trials in progress finish first. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
