package org.nn4j.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a numbered set of independent tasks on the machine's cores: the caller and a team of long-lived worker
 * threads take tasks one at a time until none is left. Training uses it to compute the gradients of the slices of a
 * mini-batch at once.
 *
 * <p>Which thread runs which task varies from call to call, so a task must write only to places of its own; then
 * the result does not depend on the number of threads. A call allocates nothing, so a training loop that hands the
 * same task object every time stays free of garbage. While tasks run, large matrix products stay on their own
 * thread rather than splitting further: every core is already busy.
 *
 * <p>The number of threads is {@link Kernels#threads()} (every processor by default, or {@code nn4j.threads}).
 */
public final class Parallel {

    /** How long an idle worker spins before it parks: covers the gap between two steps of a training loop. */
    private static final long SPIN_NANOS = 50_000;

    private static Team team;
    private static volatile boolean running;

    private Parallel() {
    }

    /**
     * Runs {@code task.accept(i)} for every i in {@code [0, tasks)}, on up to {@link Kernels#threads()} threads (the
     * caller's among them), and returns when all are done. The first exception a task throws is thrown here, after
     * the others have finished.
     */
    public static void forEach(int tasks, IntConsumer task) {
        int threads = KernelThreads.threads();
        if (Math.min(tasks, threads) <= 1 || running) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        teamOf(threads).run(tasks, task);
    }

    /** True while {@link #forEach} hands tasks to several threads: kernels then keep each product on one thread. */
    static boolean running() {
        return running;
    }

    /** A team of exactly {@code threads} threads: all of a team's workers take tasks, so no larger one will do. */
    private static synchronized Team teamOf(int threads) {
        if (team == null || team.size() != threads) {
            if (team != null) {
                team.retire();
            }
            team = new Team(threads);
        }
        return team;
    }

    /**
     * The caller plus {@code size − 1} daemon workers that wait for rounds of tasks. Tasks are claimed through one
     * counter that holds the round's number beside the next task's index, and a worker learns a round's number and
     * task count from one read of {@link #published}, so a worker that wakes late can never claim a task of a later
     * round under an earlier round's number or count.
     */
    private static final class Team {

        private final Thread[] workers;
        /** The round number in the high 32 bits, the next unclaimed task in the low 32 bits. */
        private final AtomicLong cursor = new AtomicLong();
        private final AtomicInteger unfinished = new AtomicInteger();
        private volatile IntConsumer task;
        /**
         * The round number in the high 32 bits and its number of tasks in the low 32 bits, written last: read apart,
         * a late worker could pair the previous round's number with this round's larger count and claim a task twice.
         */
        private volatile long published;
        private volatile boolean retired;
        private volatile Throwable failure;

        Team(int size) {
            workers = new Thread[size - 1];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = new Thread(this::work, "nn4j-worker-" + (w + 1));
                workers[w].setDaemon(true);
                workers[w].start();
            }
        }

        int size() {
            return workers.length + 1;
        }

        /** Only one round at a time: the callers of {@link Parallel#forEach} are serialised here. */
        synchronized void run(int count, IntConsumer body) {
            int number = roundOf(published) + 1;
            task = body;
            failure = null;
            unfinished.set(count);
            cursor.set((long) number << 32);
            running = true;
            try {
                published = (long) number << 32 | count;
                for (Thread worker : workers) {
                    LockSupport.unpark(worker);
                }
                takeTasks(number, body, count);
                long waitingSince = System.nanoTime();
                while (unfinished.get() > 0) {
                    // A worker that lost its core to another process needs it back more than this thread does.
                    if (System.nanoTime() - waitingSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
            } finally {
                // The team outlives the call: holding on to the task would keep what it captured reachable.
                task = null;
                running = false;
            }
            Throwable failed = failure;
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
            if (failed != null) {
                throw new IllegalStateException("A worker thread failed", failed);
            }
        }

        private static int roundOf(long published) {
            return (int) (published >>> 32);
        }

        /** Claims and runs tasks of round {@code number} while any is left; a round already over claims none. */
        private void takeTasks(int number, IntConsumer body, int count) {
            while (true) {
                long c = cursor.get();
                int index = (int) c;
                if (roundOf(c) != number || index >= count) {
                    return;
                }
                if (!cursor.compareAndSet(c, c + 1)) {
                    continue;
                }
                try {
                    body.accept(index);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    unfinished.decrementAndGet();
                }
            }
        }

        private void work() {
            int seen = 0;
            while (!retired) {
                long idleSince = System.nanoTime();
                long current;
                while (roundOf(current = published) == seen && !retired) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = roundOf(current);
                // The task is read after the round: while this round still has tasks to claim, it is this round's.
                takeTasks(seen, task, (int) current);
            }
        }

        void retire() {
            retired = true;
            for (Thread worker : workers) {
                LockSupport.unpark(worker);
            }
        }
    }
}
