package org.nn4j.spark;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Where the time of Spark jobs goes, from Spark's own listener events: for the jobs seen, their wall time from
 * submission to end, and per task the time until the task started on an executor (scheduling and shipping), the
 * executor's time to deserialize the task, run it and serialize its result, and the driver's time to fetch the
 * result. {@link #summary} divides the totals by the number of jobs, so for one job per step it reads per step.
 *
 * <p>Register with {@code sparkContext.addSparkListener}; {@link #reset} starts a new count, of the jobs submitted
 * from then on. Spark reports task times in whole milliseconds, so the figures are good to a millisecond over many
 * jobs, not for one.
 */
public final class StepProfile extends SparkListener {

    private final Map<Integer, Long> jobStarts = new LinkedHashMap<>();
    private final Set<Integer> stages = new HashSet<>();
    private long since = System.currentTimeMillis();
    private long jobs;
    private long jobMillis;
    private long tasks;
    private long launchDelayMillis;
    private long deserializeMillis;
    private long runMillis;
    private long resultSerializeMillis;
    private long resultFetchMillis;
    private long gcMillis;
    private long resultBytes;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        // Events arrive late, on Spark's listener thread: a job submitted before the last reset is not counted.
        if (start.time() < since) {
            return;
        }
        jobStarts.put(start.jobId(), start.time());
        scala.collection.Iterator<Object> ids = start.stageIds().iterator();
        while (ids.hasNext()) {
            stages.add((Integer) ids.next());
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        Long started = jobStarts.remove(end.jobId());
        if (started != null) {
            jobs++;
            jobMillis += end.time() - started;
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo info = end.taskInfo();
        TaskMetrics metrics = end.taskMetrics();
        if (metrics == null || !stages.contains(end.stageId())) {
            return;
        }
        tasks++;
        deserializeMillis += metrics.executorDeserializeTime();
        runMillis += metrics.executorRunTime();
        resultSerializeMillis += metrics.resultSerializationTime();
        gcMillis += metrics.jvmGCTime();
        resultBytes += metrics.resultSize();
        long fetch = info.gettingResult() ? info.finishTime() - info.gettingResultTime() : 0;
        resultFetchMillis += fetch;
        // What the task's duration does not spend on the executor's own work: waiting to be scheduled, shipped and
        // reported back (Spark's "scheduler delay").
        launchDelayMillis += Math.max(0, info.duration() - metrics.executorDeserializeTime()
                - metrics.executorRunTime() - metrics.resultSerializationTime() - fetch);
    }

    /** Forgets what was counted so far. */
    public synchronized void reset() {
        jobStarts.clear();
        stages.clear();
        since = System.currentTimeMillis();
        jobs = jobMillis = tasks = launchDelayMillis = deserializeMillis = runMillis = 0;
        resultSerializeMillis = resultFetchMillis = gcMillis = resultBytes = 0;
    }

    /** The number of jobs that ended since the last reset. */
    public synchronized long jobs() {
        return jobs;
    }

    /**
     * Milliseconds per job (and tasks per job, result bytes per task): {@code job} wall time, and the tasks' summed
     * {@code scheduler_delay}, {@code deserialize}, {@code run}, {@code result_serialize}, {@code result_fetch} and
     * {@code gc} (part of run). Tasks of one job run in parallel, so their times can add up to more than the job's.
     */
    public synchronized Map<String, Double> summary() {
        double per = Math.max(jobs, 1);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("jobs", (double) jobs);
        out.put("tasks_per_job", tasks / per);
        out.put("job_ms", jobMillis / per);
        out.put("scheduler_delay_ms", launchDelayMillis / per);
        out.put("deserialize_ms", deserializeMillis / per);
        out.put("run_ms", runMillis / per);
        out.put("result_serialize_ms", resultSerializeMillis / per);
        out.put("result_fetch_ms", resultFetchMillis / per);
        out.put("gc_ms", gcMillis / per);
        out.put("result_bytes_per_task", tasks == 0 ? 0 : (double) resultBytes / tasks);
        return out;
    }
}
