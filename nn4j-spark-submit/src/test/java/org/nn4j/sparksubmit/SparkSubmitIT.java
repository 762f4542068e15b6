package org.nn4j.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.io.ModelFile;

/**
 * The packaged {@code -submit} jar under Spark's own launcher ({@code org.apache.spark.deploy.SparkSubmit}, what
 * {@code spark-submit} runs), with only Spark on the class path: the jar brings the rest of nn4j itself.
 */
class SparkSubmitIT {

    private static final Path JAR = Path.of("target", "nn4j-spark-submit-0.1.0-SNAPSHOT-submit.jar").toAbsolutePath();
    private static final Path DIGITS = Path.of("..", "..", "shared", "data", "digits.csv").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void theSubmitJarTrainsUnderSparkSubmit() throws Exception {
        List<String> spark = new ArrayList<>();
        for (String entry : Files.readString(Path.of("target", "classpath.txt")).trim().split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            // Spark and its dependencies only: nn4j and what the jar shades come from the jar.
            if (!name.startsWith("nn4j-") && !entry.contains("/org/nn4j/") && !name.startsWith("picocli")
                    && !name.startsWith("protobuf-java") && !name.startsWith("jfreechart")
                    && !name.startsWith("org.jfree")) {
                spark.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of("java"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
                "sun.security.action", "sun.util.calendar")) {
            command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        Path model = folder.resolve("submitted.nn4j");
        command.addAll(List.of("-cp", String.join(File.pathSeparator, spark), "org.apache.spark.deploy.SparkSubmit",
                "--class", "org.nn4j.cli.Main", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", JAR.toString(),
                "train", "--spark", "--data", DIGITS.toString(), "--label", "digit", "--epochs", "5",
                "--early-stopping", "0", "--save", model.toString()));
        Path out = folder.resolve("out.txt");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Training on Spark (local[2])").contains("Saved the model to");
        assertThat(ModelFile.read(model).network().describe()).startsWith("64-64-10");
    }
}
