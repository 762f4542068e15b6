package org.nn4j.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a large matrix product into bands of output rows computed on several threads at once. Small products
 * stay on the calling thread: handing work to another thread costs tens of microseconds.
 *
 * <p>The number of threads defaults to the number of processors, and can be set with the system property
 * {@code nn4j.threads} or {@link Kernels#setThreads}.
 */
final class KernelThreads {

    /**
     * Products with fewer multiply-adds than this run on one thread (about 0.3 ms of work): measured here, splitting
     * a 32×784·784×256 product (6.4 million) over two threads cost more than it saved.
     */
    static final long PARALLEL_WORK = 16_000_000L;

    private static volatile int threads = initialThreads();
    private static ExecutorService pool;

    private KernelThreads() {
    }

    /** A band of rows {@code [from, to)}. */
    interface Band {
        void compute(int from, int to);
    }

    static int threads() {
        return threads;
    }

    static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The number of kernel threads must be at least 1, got " + count);
        }
        threads = count;
    }

    /** True when a product of this size is split over threads. */
    static boolean worthSplitting(int rows, int alignment, long work) {
        // Inside a parallel round every core already has work of its own.
        return work >= PARALLEL_WORK && Math.min(threads, rows / alignment) >= 2 && !Parallel.running();
    }

    /**
     * Runs {@code band} over {@code [0, rows)} in up to {@link #threads} pieces whose bounds are multiples of
     * {@code alignment}, one of them on the caller's thread. Callers first ask {@link #worthSplitting}, so that a
     * small product creates no lambda.
     */
    static void forRowBands(int rows, int alignment, Band band) {
        int parts = Math.max(1, Math.min(threads, rows / alignment));
        int perPart = (rows / parts + alignment - 1) / alignment * alignment;
        List<Future<?>> others = new ArrayList<>();
        ExecutorService executor = executor();
        for (int from = perPart; from < rows; from += perPart) {
            int start = from;
            int end = Math.min(rows, from + perPart);
            others.add(executor.submit(() -> band.compute(start, end)));
        }
        band.compute(0, Math.min(rows, perPart));
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A kernel thread failed", e.getCause());
            }
        }
    }

    private static synchronized ExecutorService executor() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(runnable -> {
                Thread t = new Thread(runnable, "nn4j-kernel");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    private static int initialThreads() {
        String property = System.getProperty("nn4j.threads");
        if (property != null) {
            try {
                return Math.max(1, Integer.parseInt(property.trim()));
            } catch (NumberFormatException e) {
                return Runtime.getRuntime().availableProcessors();
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
