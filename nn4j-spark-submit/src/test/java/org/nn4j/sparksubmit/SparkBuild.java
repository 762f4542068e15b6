package org.nn4j.sparksubmit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Scala build of this module, as its package phase left it: the class path {@code ./nn4j} runs with, Spark's
 * share of it, and the jar for spark-submit. The default build (Scala 2.12) lives in {@code target}, the scala-2.13
 * profile's in {@code target/scala-2.13}; Maven tells the tests which one they run in.
 */
record SparkBuild(Path directory, String scala) {

    /** The build these tests run in. */
    static SparkBuild current() {
        return new SparkBuild(Path.of(System.getProperty("nn4j.build.directory", "target")).toAbsolutePath(),
                System.getProperty("nn4j.scala.version", "2.12"));
    }

    /** The build for the other Scala version, which exists only where it was built. */
    SparkBuild other() {
        return scala.equals("2.12") ? new SparkBuild(directory.resolve("scala-2.13"), "2.13")
                : new SparkBuild(directory.getParent(), "2.12");
    }

    Path classpathFile() {
        return directory.resolve("classpath.txt");
    }

    boolean exists() {
        return Files.isRegularFile(classpathFile()) && Files.isRegularFile(submitJar());
    }

    /** nn4j with Spark, unshaded: what {@code ./nn4j train --spark} runs with. */
    List<String> classpath() throws IOException {
        return List.of(Files.readString(classpathFile()).trim().split(File.pathSeparator));
    }

    /** Spark and its dependencies only, what a Spark download brings: without nn4j and what the submit jar shades. */
    List<String> sparkJars() throws IOException {
        List<String> spark = new ArrayList<>();
        for (String entry : classpath()) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("nn4j-") && !entry.contains("/org/nn4j/") && !name.startsWith("picocli")
                    && !name.startsWith("protobuf-java") && !name.startsWith("jfreechart")
                    && !name.startsWith("org.jfree")) {
                spark.add(entry);
            }
        }
        return spark;
    }

    /** nn4j and what it needs without Spark, for spark-submit. */
    Path submitJar() {
        return directory.resolve("nn4j-spark-submit-0.1.0-SNAPSHOT-submit.jar");
    }
}
