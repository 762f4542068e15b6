package org.nn4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.nn4j.tensor.Kernels;

/**
 * {@link StepBreakdownBenchmark}'s parts timed by the thread's CPU time rather than the wall clock: on a machine
 * that other work keeps busy, time spent waiting for a core does not count, so the figures stay comparable between
 * runs. The products run on one thread (the calling thread, whose CPU time is counted), as the comparisons with
 * other libraries on one core do. Prints the median CPU microseconds per call of each part over rounds in which every part runs once in
 * turn. Run with {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * org.nn4j.benchmarks.StepBreakdown [rounds]}.
 */
public final class StepBreakdown {

    private StepBreakdown() {
    }

    /** One part of the step, run {@code calls} times. */
    private interface Part {
        void run(StepBreakdownBenchmark state, int calls);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Kernels.setThreads(1);
        StepBreakdownBenchmark state = new StepBreakdownBenchmark();
        state.data();
        String[] names = {"gather", "products", "forwardBackward", "sgdStep", "adamStep", "trainingStep",
            "predict1024", "predictProducts1024", "product1024"};
        Part[] parts = {
            (s, n) -> repeat(n, s::gather), (s, n) -> repeat(n, s::products),
            (s, n) -> repeat(n, s::forwardBackward), (s, n) -> repeat(n, s::sgdStep),
            (s, n) -> repeat(n, s::adamStep), (s, n) -> repeat(n, s::trainingStep),
            (s, n) -> repeat(n, s::predict1024), (s, n) -> repeat(n, s::predictProducts1024),
            (s, n) -> repeat(n, s::product1024)};
        int[] calls = {200, 100, 50, 200, 100, 50, 5, 5, 2};
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < parts.length; i++) {
            parts[i].run(state, calls[i] * 20);
        }
        double[][] perCall = new double[parts.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < parts.length; i++) {
                long before = bean.getCurrentThreadCpuTime();
                parts[i].run(state, calls[i]);
                perCall[i][round] = (bean.getCurrentThreadCpuTime() - before) / 1e3 / calls[i];
            }
        }
        System.out.println("kernels: " + Kernels.active() + ", " + Runtime.version());
        for (int i = 0; i < parts.length; i++) {
            double[] sorted = perCall[i].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-16s %10.1f µs CPU (median of %d; min %.1f)%n", names[i],
                    sorted[rounds / 2], rounds, sorted[0]);
        }
    }

    private static void repeat(int calls, Runnable part) {
        for (int c = 0; c < calls; c++) {
            part.run();
        }
    }
}
