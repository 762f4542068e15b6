package org.nn4j.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.nn4j.metrics.Task;
import org.nn4j.nn.ClassWeights;
import scala.Function1;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * One Spark job that serves many steps, instead of one job per step. Its tasks, one per shard and launched together
 * in Spark's barrier mode, each connect back to the driver and then, step after step, read the {@link ShardWork}
 * and the packed weights, compute on their shard, and send back the result. The driver adds the results in the
 * order of the partitions, exactly as a job per step does, so the numbers are the same; what goes away is Spark's
 * scheduling of a job, a stage and its tasks for every mini-batch.
 *
 * <p>The job holds every core while it runs. It serves steps and measurements from one epoch to the next, and gives
 * the cores back as soon as Spark starts any other job (a validation set's measurement, a checksum, an evaluation,
 * the caller's own work between epochs): a listener sees that job start and closes this one, and the next step
 * starts a new one. A task proves it belongs to this job with a random token that travels in the job's closure. A
 * task that runs in the driver's own process (Spark's local mode) finds its {@link LocalLink} by that token and
 * takes its steps through memory instead of a socket.
 */
final class StepJob implements AutoCloseable {

    private static final int STOP = -1;
    private static final ClassTag<Integer> INTEGERS = ClassTag$.MODULE$.apply(Integer.class);
    /** The job property that marks a step job's own job, which must not close it. */
    private static final String MARK = "nn4j.stepJob";

    private final ServerSocket server;
    private final JavaFutureAction<List<Integer>> job;
    private final Socket[] links;
    private final DataInputStream[] ins;
    private final DataOutputStream[] outs;
    /** The links of tasks in this process; a partition's task uses its socket or its local link. */
    private final LocalLink[] locals;
    private final long token;
    private final SparkContext context;
    private final String mark;
    /** Closes this job, on a thread of its own, when Spark starts another job. */
    private final SparkListener release = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart start) {
            Properties properties = start.properties();
            if (properties == null || !mark.equals(properties.getProperty(MARK))) {
                Thread closer = new Thread(StepJob.this::close, "nn4j-step-job-release");
                closer.setDaemon(true);
                closer.start();
            }
        }
    };
    /** False once closed; guarded by this. */
    private boolean open = true;

    private StepJob(ServerSocket server, JavaFutureAction<List<Integer>> job, LocalLink[] locals, long token,
            SparkContext context, String mark) {
        this.server = server;
        this.job = job;
        this.links = new Socket[locals.length];
        this.ins = new DataInputStream[locals.length];
        this.outs = new DataOutputStream[locals.length];
        this.locals = locals;
        this.token = token;
        this.context = context;
        this.mark = mark;
    }

    /**
     * Starts the job over {@code blocks}, its tasks connecting to {@code host}; null if not every task has
     * connected within {@code waitMillis} (too few free cores, say), in which case the job is cancelled.
     */
    static StepJob start(JavaRDD<RowBlock> blocks, Broadcast<byte[]> architecture, Task task,
            ClassWeights classWeights, String host, long waitMillis) {
        int partitions = blocks.getNumPartitions();
        long token = new SecureRandom().nextLong();
        ServerSocket server;
        try {
            server = new ServerSocket(0, partitions, InetAddress.getByName(host));
            // Short, so that the wait for connections also sees tasks of this process attach.
            server.setSoTimeout(10);
        } catch (IOException e) {
            return null;
        }
        int port = server.getLocalPort();
        Function1<scala.collection.Iterator<RowBlock>, scala.collection.Iterator<Integer>> serve =
                (Function1<scala.collection.Iterator<RowBlock>, scala.collection.Iterator<Integer>> & Serializable)
                shard -> serve(shard, host, port, token, architecture, task, classWeights);
        SparkContext context = blocks.context();
        String mark = UUID.randomUUID().toString();
        LocalLink[] locals = LocalLink.register(token, partitions);
        JavaFutureAction<List<Integer>> job;
        // A local property goes with the jobs this thread submits: it tells the listener which job is this one.
        context.setLocalProperty(MARK, mark);
        try {
            job = JavaRDD.fromRDD(blocks.rdd().barrier().mapPartitions(serve, false, INTEGERS), INTEGERS)
                    .collectAsync();
        } catch (RuntimeException e) {
            LocalLink.unregister(token);
            closeQuietly(server);
            throw e;
        } finally {
            context.setLocalProperty(MARK, null);
        }
        StepJob steps = new StepJob(server, job, locals, token, context, mark);
        if (!steps.connect(token, System.currentTimeMillis() + waitMillis)) {
            job.cancel(true);
            steps.close();
            return null;
        }
        context.addSparkListener(steps.release);
        return steps;
    }

    /**
     * The element-wise sum over the shards of {@code work} at the packed weights {@code values}, or null when the
     * job has been closed (another Spark job took the cores): the work is then still to be done.
     */
    synchronized double[] run(ShardWork work, byte[] values, int length) throws IOException {
        if (!open) {
            return null;
        }
        for (int p = 0; p < outs.length; p++) {
            DataOutputStream out = outs[p];
            if (out == null) {
                locals[p].send(new LocalLink.Request(work, values, length));
                continue;
            }
            work.write(out);
            out.writeInt(length);
            out.writeInt(values.length);
            out.write(values);
            out.flush();
        }
        double[] total = new double[length];
        byte[] bytes = new byte[length * Double.BYTES];
        for (int p = 0; p < ins.length; p++) {
            DataInputStream in = ins[p];
            if (in == null) {
                double[] result = locals[p].receive();
                if (result.length != length) {
                    throw new IOException("A shard answered with a result of another length than " + length);
                }
                for (int i = 0; i < length; i++) {
                    total[i] += result[i];
                }
                continue;
            }
            if (in.readInt() != length) {
                throw new IOException("A shard answered with a result of another length than " + length);
            }
            in.readFully(bytes);
            ByteBuffer result = ByteBuffer.wrap(bytes);
            for (int i = 0; i < length; i++) {
                total[i] += result.getDouble();
            }
        }
        return total;
    }

    /** Whether the job still serves steps. */
    synchronized boolean isOpen() {
        return open;
    }

    /** Tells the tasks to stop and waits for the job to end (cancelling it if it does not end soon). */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        context.removeSparkListener(release);
        for (int p = 0; p < outs.length; p++) {
            try {
                if (outs[p] != null) {
                    outs[p].writeInt(STOP);
                    outs[p].flush();
                } else if (locals[p].attached()) {
                    locals[p].send(LocalLink.STOP);
                }
            } catch (IOException e) {
                // The task has gone already; the job is cancelled below if it has not ended.
            }
        }
        try {
            if (!job.isDone()) {
                job.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            job.cancel(true);
        }
        for (LocalLink local : locals) {
            local.end();
        }
        LocalLink.unregister(token);
        for (Socket link : links) {
            closeQuietly(link);
        }
        closeQuietly(server);
    }

    /** Accepts a connection from every task before {@code deadline}; false if the job ended or time ran out. */
    private boolean connect(long token, long deadline) {
        while (System.currentTimeMillis() < deadline && !job.isDone()) {
            int connected = 0;
            for (int p = 0; p < links.length; p++) {
                connected += links[p] != null || locals[p].attached() ? 1 : 0;
            }
            if (connected == links.length) {
                return true;
            }
            Socket link = null;
            try {
                link = server.accept();
                link.setTcpNoDelay(true);
                // A connection that does not say who it is within a few seconds is not one of the tasks.
                link.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(new BufferedInputStream(link.getInputStream(), 1 << 16));
                int partition = in.readLong() == token ? in.readInt() : -1;
                link.setSoTimeout(0);
                if (partition < 0 || partition >= links.length || links[partition] != null
                        || locals[partition].attached()) {
                    link.close();
                    continue;
                }
                links[partition] = link;
                ins[partition] = in;
                outs[partition] = new DataOutputStream(new BufferedOutputStream(link.getOutputStream(), 1 << 16));
            } catch (IOException e) {
                // No connection within the accept timeout (check the deadline and the job, then wait on), or one
                // that did not say who it was in time or failed half-way: it is closed, and a task it may have
                // been fails and ends the job.
                closeQuietly(link);
            }
        }
        return false;
    }

    /** A task's side: connects to the driver, then computes on its shard until told to stop. */
    private static scala.collection.Iterator<Integer> serve(scala.collection.Iterator<RowBlock> shard, String host,
            int port, long token, Broadcast<byte[]> architecture, Task task, ClassWeights classWeights) {
        RowBlock block = shard.hasNext() ? shard.next() : null;
        LocalLink local = LocalLink.attach(token, TaskContext.getPartitionId());
        if (local != null) {
            serveLocally(local, block, architecture, task, classWeights);
            return noResults();
        }
        try (Socket link = new Socket(host, port)) {
            link.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(link.getInputStream(), 1 << 16));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(link.getOutputStream(), 1 << 16));
            out.writeLong(token);
            out.writeInt(TaskContext.getPartitionId());
            out.flush();
            for (int kind = in.readInt(); kind != STOP; kind = in.readInt()) {
                ShardWork work = ShardWork.read(in, kind);
                int length = in.readInt();
                byte[] values = new byte[in.readInt()];
                in.readFully(values);
                double[] result = block == null ? new double[length]
                        : work.on(block, new StepWeights(architecture, values), task, classWeights);
                ByteBuffer bytes = ByteBuffer.allocate(result.length * Double.BYTES);
                bytes.asDoubleBuffer().put(result);
                out.writeInt(result.length);
                out.write(bytes.array());
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The training step's connection to the driver failed", e);
        }
        return noResults();
    }

    /** A task's side in the driver's process: computes on its shard until told to stop, or the link ends. */
    private static void serveLocally(LocalLink link, RowBlock block, Broadcast<byte[]> architecture, Task task,
            ClassWeights classWeights) {
        try {
            for (LocalLink.Request step = link.take(); step != null && step != LocalLink.STOP; step = link.take()) {
                link.reply(block == null ? new double[step.length()]
                        : step.work().on(block, new StepWeights(architecture, step.values()), task, classWeights));
            }
        } finally {
            link.end();
        }
    }

    /** An empty iterator: Scala 2.12 types it Iterator[Nothing], 2.13 as generic, so it goes through a wildcard. */
    @SuppressWarnings("unchecked")
    private static scala.collection.Iterator<Integer> noResults() {
        return (scala.collection.Iterator<Integer>) (scala.collection.Iterator<?>)
                scala.collection.Iterator$.MODULE$.empty();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Nothing to do: it is going away.
            }
        }
    }
}
