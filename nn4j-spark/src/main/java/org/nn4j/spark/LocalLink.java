package org.nn4j.spark;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link StepJob}'s link to one task that runs in the driver's own process, as in Spark's local mode: the step's
 * work and the task's result pass by reference instead of through a socket, and a waiting thread parks. That
 * matters on a machine with few cores: a socket wakes its reader as the writer is about to sleep, so Linux often
 * queues both tasks of a step behind the driver on the driver's core, where they run one after the other while
 * another core idles; a parked thread is woken on a free core. Between steps a task yields its core for a while
 * before it parks, so that it is still running, on its own core, when the next step comes.
 *
 * <p>One request and one reply are in flight at a time. The driver's side is {@link #send} and {@link #receive},
 * the task's {@link #take} and {@link #reply}; either side's {@link #end} makes the other's wait fail.
 */
final class LocalLink {

    /** The links of the step jobs started in this process, by job token, until the job is closed. */
    private static final Map<Long, LocalLink[]> JOBS = new ConcurrentHashMap<>();
    /** How long a task waits for the next step by yielding before it parks: more than a step's usual gap. */
    private static final long YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How often a parked side looks whether the other side or the job has gone. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A step's work: what {@link StepJob} would write to a socket. */
    record Request(ShardWork work, byte[] values, int length) { }

    /** The request that tells the task to stop. */
    static final Request STOP = new Request(null, null, 0);

    private volatile Request request;
    private volatile double[] result;
    private volatile Thread task;
    private volatile Thread driver;
    private volatile boolean ended;

    /** Registers {@code partitions} links for the job of {@code token}, before its tasks can look for them. */
    static LocalLink[] register(long token, int partitions) {
        LocalLink[] links = new LocalLink[partitions];
        for (int p = 0; p < partitions; p++) {
            links[p] = new LocalLink();
        }
        JOBS.put(token, links);
        return links;
    }

    /** Forgets the links of the job of {@code token}. */
    static void unregister(long token) {
        JOBS.remove(token);
    }

    /**
     * The task's link for {@code partition} of the job of {@code token}, attached to the calling thread; null when
     * the job was started in another process (the task then connects over a socket).
     */
    static LocalLink attach(long token, int partition) {
        LocalLink[] links = JOBS.get(token);
        if (links == null || partition < 0 || partition >= links.length) {
            return null;
        }
        LocalLink link = links[partition];
        link.task = Thread.currentThread();
        return link;
    }

    /** Whether a task has attached. */
    boolean attached() {
        return task != null;
    }

    /** The driver's side: hands {@code next} to the task. */
    void send(Request next) throws IOException {
        if (ended) {
            throw new IOException("The step's task in this process has ended");
        }
        driver = Thread.currentThread();
        request = next;
        LockSupport.unpark(task);
    }

    /** The driver's side: the task's result for the request sent, waiting for it while the task lives. */
    double[] receive() throws IOException {
        double[] answer;
        // The driver parks at once: while the tasks compute, a core it spun on would be one they lack.
        while ((answer = result) == null) {
            if (ended) {
                throw new IOException("The step's task in this process ended without a result");
            }
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        result = null;
        return answer;
    }

    /** The task's side: the next request, waiting for it; null when the driver has ended the link. */
    Request take() {
        long yieldUntil = System.nanoTime() + YIELD_NANOS;
        Request next;
        while ((next = request) == null) {
            if (ended || Thread.currentThread().isInterrupted()) {
                return null;
            }
            if (System.nanoTime() < yieldUntil) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        request = null;
        return next;
    }

    /** The task's side: the result of the request taken. */
    void reply(double[] answer) {
        result = answer;
        LockSupport.unpark(driver);
    }

    /** Ends the link from either side: the other side's wait fails or returns null. */
    void end() {
        ended = true;
        LockSupport.unpark(task);
        LockSupport.unpark(driver);
    }
}
