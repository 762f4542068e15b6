package org.nn4j.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a numbered set of independent tasks on the machine's cores: the caller and a team of long-lived worker
 * threads take tasks one at a time until none is left, each from its own run of the tasks first. Training uses it
 * to compute the gradients of the slices of a mini-batch at once.
 *
 * <p>Which thread runs which task can vary from call to call, so a task must write only to places of its own; then
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
     * The caller plus {@code size − 1} daemon workers that wait for rounds of tasks. A round's tasks are cut into
     * one run of consecutive tasks per member (the caller is member 0); each member takes from its own run first and
     * then from the others'. So when the members keep pace, member m runs the same tasks round after round, and the
     * data those tasks write (a range of gradients, then of weights) stays in m's core's cache from one round to the
     * next instead of moving between cores; a member that falls behind still has its tasks taken over.
     *
     * <p>Each run's counter holds the round's number beside the run's next task, and a worker learns a round's
     * number and task count from one read of {@link #published}, so a worker that wakes late can never claim a task
     * of a later round under an earlier round's number or count.
     */
    private static final class Team {

        /** Longs between two runs' counters: 128 bytes, two cache lines (the adjacent-line prefetcher pairs them). */
        private static final int PADDING = 16;

        private final Thread[] workers;
        /**
         * For each member's run, at {@code PADDING·run}: the round number in the high 32 bits, the run's next
         * unclaimed task in the low. Spaced apart so that members claiming from their own runs do not contend for
         * one cache line.
         */
        private final AtomicLongArray cursors;
        private final int members;
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
            members = size;
            cursors = new AtomicLongArray(size * PADDING);
            workers = new Thread[size - 1];
            for (int w = 0; w < workers.length; w++) {
                int member = w + 1;
                workers[w] = new Thread(() -> work(member), "nn4j-worker-" + member);
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
            for (int m = 0; m < members; m++) {
                cursors.set(m * PADDING, (long) number << 32 | runStart(m, count));
            }
            running = true;
            try {
                published = (long) number << 32 | count;
                for (Thread worker : workers) {
                    LockSupport.unpark(worker);
                }
                takeTasks(0, number, body, count);
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

        /** The first task of member m's run among {@code count} tasks; member {@code size()} gives the end. */
        private int runStart(int member, int count) {
            return (int) ((long) count * member / members);
        }

        /**
         * Claims and runs tasks of round {@code number} while any is left, its own run first, then the others' in
         * turn; a round already over claims none.
         */
        private void takeTasks(int member, int number, IntConsumer body, int count) {
            for (int i = 0; i < members; i++) {
                int run = (member + i) % members;
                int at = run * PADDING;
                int end = runStart(run + 1, count);
                while (true) {
                    long c = cursors.get(at);
                    int index = (int) c;
                    if (roundOf(c) != number || index >= end) {
                        break;
                    }
                    if (!cursors.compareAndSet(at, c, c + 1)) {
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
        }

        private void work(int member) {
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
                takeTasks(member, seen, task, (int) current);
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
