package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn4j export}: the exported iris model answers in ONNX Runtime as {@code nn4j predict} does. */
class ExportCommandTest {

    private static final Path IRIS_MODEL = Path.of("..", "interop", "fixtures", "iris.nn4j");

    @TempDir
    Path folder;

    @Test
    void theExportedGraphGivesPredictsAnswerFromRawRows() throws Exception {
        Path onnx = folder.resolve("iris.onnx");
        CliRun run = CliRun.of("", "export", IRIS_MODEL.toString(), "--onnx", onnx.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ONNX opset 13")
                .contains("columns sepal_length, sepal_width, petal_length, petal_width")
                .contains("probabilities of setosa, versicolor, virginica");

        String rows = "sepal_length,sepal_width,petal_length,petal_width\n6.4,3.2,4.5,1.5\n";
        CliRun predicted = CliRun.of(rows, "predict", IRIS_MODEL.toString(), "--input", "-");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        String[] answer = predicted.out().trim().split("\n")[1].split(",");

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, new double[][] {{6.4, 3.2, 4.5, 1.5}});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            double[] probabilities = ((double[][]) result.get(0).getValue())[0];
            String[] classes = {"setosa", "versicolor", "virginica"};
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = probabilities[k] > probabilities[best] ? k : best;
            }
            assertThat(classes[best]).isEqualTo(answer[0]);
            assertThat(probabilities[best]).isCloseTo(Double.parseDouble(answer[1]), within(1e-12));
        }
    }

    @Test
    void mistakesGetOneLineAndNothingIsWritten() {
        Path onnx = folder.resolve("x.onnx");
        CliRun missing = CliRun.of("", "export", folder.resolve("none.nn4j").toString(), "--onnx", onnx.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist").doesNotContain("Exception");
        CliRun noFolder = CliRun.of("", "export", IRIS_MODEL.toString(), "--onnx",
                folder.resolve("nowhere").resolve("x.onnx").toString());
        assertThat(noFolder.exitCode()).isEqualTo(2);
        assertThat(noFolder.err()).contains("--onnx: the folder");
        CliRun noOption = CliRun.of("", "export", IRIS_MODEL.toString());
        assertThat(noOption.exitCode()).isEqualTo(2);
        assertThat(noOption.err()).contains("--onnx");
        assertThat(Files.exists(onnx)).isFalse();
    }
}
