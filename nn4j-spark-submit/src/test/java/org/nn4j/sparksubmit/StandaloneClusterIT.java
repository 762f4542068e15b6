package org.nn4j.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4j;
import org.nn4j.io.ModelFile;
import org.nn4j.nn.Parameter;

/**
 * nn4j on a real standalone Spark cluster (a master and a worker started from Spark's own jars on 127.0.0.1) of the
 * Scala version this build is for: the {@code ./nn4j} launcher and {@code spark-submit} in client and cluster mode
 * train to the weights of one machine, and a driver of the other Scala build fails within seconds in one line.
 */
class StandaloneClusterIT {

    private static final Path IRIS = Path.of("..", "..", "shared", "data", "iris.csv").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "nn4j").toAbsolutePath().normalize();
    /** Small on purpose: every step is a Spark job, and the point is equality, not accuracy. */
    private static final List<String> TRAINING = List.of("--data", IRIS.toString(), "--label", "species",
            "--hidden", "8", "--epochs", "2", "--batch", "64", "--early-stopping", "0", "--seed", "7",
            "--precision", "float64");

    @TempDir
    static Path folder;

    private static final SparkBuild BUILD = SparkBuild.current();
    private static StandaloneCluster cluster;
    private static Path oneMachine;

    @BeforeAll
    static void startTheClusterAndTrainOnOneMachine() throws Exception {
        cluster = StandaloneCluster.start(folder.resolve("spark-home"), BUILD.sparkJars(), BUILD.scala(), 2);
        oneMachine = folder.resolve("one-machine.nn4j");
        // Split as Spark splits (by a hash of each row's position), so that both train on the same rows.
        List<String> args = new ArrayList<>(List.of("train", "--split", "hash", "--save", oneMachine.toString()));
        args.addAll(TRAINING);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Nn4j.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theLauncherTrainsOnTheClusterToTheWeightsOfOneMachineWithoutSparkLogs() throws Exception {
        Path model = folder.resolve("launcher.nn4j");
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "train", "--spark", cluster.url(),
                "--save", model.toString()));
        command.addAll(TRAINING);
        Ran ran = run(command, List.of("SPARK_SCALA_VERSION=" + BUILD.scala()), 150);
        assertThat(ran.code()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("Training on Spark (" + cluster.url() + ")")
                .as("the launcher runs what Maven built just before").doesNotContain("nn4j: building");
        // Spark's INFO and WARN lines are off unless --verbose asks for them.
        assertThat(ran.output()).doesNotContainPattern("(?m) (INFO|WARN) ");
        assertSameWeights(model);
    }

    @Test
    void sparkSubmitInClientModeTrainsToTheWeightsOfOneMachineAndVerboseShowsSparkLogs() throws Exception {
        Path model = folder.resolve("client.nn4j");
        List<String> command = submit("client", model);
        command.add("--verbose");
        Ran ran = run(command, List.of(), 150);
        assertThat(ran.code()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("Training on Spark (" + cluster.url() + ")");
        // --verbose lets Spark's own messages through, from the start of its context on.
        assertThat(ran.output()).contains("INFO SparkContext: Running Spark version");
        assertSameWeights(model);
    }

    @Test
    void sparkSubmitInClusterModeTrainsToTheWeightsOfOneMachine() throws Exception {
        Path model = folder.resolve("cluster.nn4j");
        List<String> command = submit("cluster", model);
        Ran ran = run(command, List.of(), 180);
        assertThat(ran.code()).as(ran.output()).isZero();
        // The driver runs on the worker, which keeps its output.
        assertThat(Files.exists(model)).as(ran.output() + driverOutput()).isTrue();
        assertThat(driverOutput()).contains("Training on Spark (" + cluster.url() + ")");
        assertSameWeights(model);
    }

    @Test
    void aDriverOfTheOtherScalaFailsWithinSecondsInOneLineNamingBoth() throws Exception {
        SparkBuild other = BUILD.other();
        Assumptions.assumeTrue(other.exists(), "the Scala " + other.scala() + " build is not there: build it first"
                + " (.ci/run does)");
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaCommand()));
        command.addAll(StandaloneCluster.ADD_OPENS);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, other.classpath()), "org.nn4j.cli.Main",
                "train", "--spark", cluster.url(), "--save", folder.resolve("never.nn4j").toString()));
        command.addAll(TRAINING);
        long start = System.nanoTime();
        Path err = folder.resolve("mismatch.err");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(err);
        assertThat(ended).as("ended within 60 s: " + lines).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(lines).as("one line, no stack trace, no cleanup exception").hasSize(1);
        assertThat(lines.get(0)).startsWith("nn4j: The Spark master at " + cluster.url())
                .contains("Scala " + BUILD.scala()).contains("Scala " + other.scala());
        assertThat(seconds).as(lines.get(0)).isLessThan(15);
    }

    /** spark-submit (Spark's own submit class, with only Spark on the class path) of the submit jar. */
    private static List<String> submit(String deployMode, Path model) throws IOException {
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaCommand()));
        command.addAll(StandaloneCluster.ADD_OPENS);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, BUILD.sparkJars()),
                "org.apache.spark.deploy.SparkSubmit", "--master", cluster.url(), "--deploy-mode", deployMode,
                "--class", "org.nn4j.cli.Main", "--driver-memory", "512m", "--executor-memory", "512m",
                // A driver on the worker is a fresh JVM: it needs the same JDK internals opened (README).
                "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", StandaloneCluster.ADD_OPENS),
                "--conf", "spark.standalone.submit.waitAppCompletion=true",
                BUILD.submitJar().toString(), "train", "--spark", "--save", model.toString()));
        command.addAll(TRAINING);
        return command;
    }

    private static String driverOutput() throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(cluster.work())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("stdout")
                    && p.getParent().getFileName().toString().startsWith("driver-"))::iterator) {
                out.append(Files.readString(f));
            }
        }
        return out.toString();
    }

    private record Ran(int code, String output) {
    }

    private static Ran run(List<String> command, List<String> environment, int seconds) throws Exception {
        Path out = Files.createTempFile(folder, "run", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        for (String setting : environment) {
            String[] kv = setting.split("=", 2);
            builder.environment().put(kv[0], kv[1]);
        }
        Process process = builder.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("Still running after " + seconds + " s:\n" + Files.readString(out));
        }
        return new Ran(process.exitValue(), Files.readString(out));
    }

    private static void assertSameWeights(Path model) throws IOException {
        List<Parameter> x = ModelFile.read(model).network().parameters();
        List<Parameter> y = ModelFile.read(oneMachine).network().parameters();
        assertThat(x).hasSameSizeAs(y);
        for (int p = 0; p < x.size(); p++) {
            for (int i = 0; i < x.get(p).value().size(); i++) {
                assertThat(x.get(p).value().get(i)).isCloseTo(y.get(p).value().get(i), within(1e-9));
            }
        }
    }
}
