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

    private static final Path DIGITS = Path.of("..", "..", "shared", "data", "digits.csv").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void theSubmitJarTrainsUnderSparkSubmit() throws Exception {
        SparkBuild build = SparkBuild.current();
        List<String> command = new ArrayList<>(List.of(StandaloneCluster.javaCommand()));
        command.addAll(StandaloneCluster.ADD_OPENS);
        Path model = folder.resolve("submitted.nn4j");
        command.addAll(List.of("-cp", String.join(File.pathSeparator, build.sparkJars()),
                "org.apache.spark.deploy.SparkSubmit",
                "--class", "org.nn4j.cli.Main", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", build.submitJar().toString(),
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
