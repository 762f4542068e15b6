package org.nn4j.sparksubmit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Spark cluster on 127.0.0.1 for tests: one master and one worker, each a child JVM running Spark's own
 * classes ({@code org.apache.spark.deploy.master.Master}, {@code org.apache.spark.deploy.worker.Worker}) from the
 * Spark jars of a build's class path, on ports the system picks. Closing it, or the end of the JVM, kills both and the
 * executors and drivers the worker started.
 */
final class StandaloneCluster implements AutoCloseable {

    /** The JDK internals Spark opens on Java 17, as its own launch scripts pass them. */
    static final List<String> ADD_OPENS;

    static {
        List<String> opens = new ArrayList<>();
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
                "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            opens.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        ADD_OPENS = List.copyOf(opens);
    }

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final Thread killer = new Thread(this::kill);
    private final Path home;
    private String url;

    private StandaloneCluster(Path home) {
        this.home = home;
    }

    /**
     * Starts a master and a worker of {@code cores} cores under {@code home}, a fresh folder that becomes the cluster's
     * SPARK_HOME: its jars folder links {@code sparkJars}, and Spark is told it is built for {@code scala}.
     */
    static StandaloneCluster start(Path home, List<String> sparkJars, String scala, int cores)
            throws IOException, InterruptedException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String jar : sparkJars) {
            Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
        }
        StandaloneCluster cluster = new StandaloneCluster(home);
        Runtime.getRuntime().addShutdownHook(cluster.killer);
        try {
            Path masterLog = home.resolve("master.log");
            cluster.launch(scala, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    "0", "--webui-port", "0");
            Matcher m = cluster.await(masterLog, MASTER_URL);
            cluster.url = m.group(1);
            Path workerLog = home.resolve("worker.log");
            cluster.launch(scala, workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
                    "0", "--webui-port", "0", "--cores", String.valueOf(cores), "--memory", "2g", "--work-dir",
                    home.resolve("work").toString(), cluster.url);
            cluster.await(workerLog, Pattern.compile("Successfully registered with master"));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    /** The folder the worker runs its drivers and executors in. */
    Path work() {
        return home.resolve("work");
    }

    private void launch(String scala, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m"));
        command.addAll(ADD_OPENS);
        command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The worker starts executors and drivers with Spark's launcher library, which reads both.
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", scala);
        processes.add(builder.start());
    }

    /** Waits (at most 90 s) for a line matching {@code pattern} in {@code log}, while the process lives. */
    private Matcher await(Path log, Pattern pattern) throws IOException, InterruptedException {
        Process process = processes.get(processes.size() - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(log));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The Spark process ended before '" + pattern + "':\n"
                        + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("No '" + pattern + "' within 90 s:\n" + Files.readString(log));
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook does the same.
        }
    }

    /** The worker (with its executors and drivers) first, then the master. */
    private void kill() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
