package org.nn4j.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4j;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;

/**
 * Every option of {@code nn4j train} works with {@code --spark local[2]}: they belong to the one training loop,
 * and Spark only computes its gradients.
 */
class TrainOptionsOnSparkTest {

    private static final Path IRIS = Path.of("..", "..", "shared", "data", "iris.csv");

    @TempDir
    Path folder;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Nn4j.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void earlyStoppingDropoutL2ClippingSchedulesAndTheDoctorWorkOnSpark() throws Exception {
        Path model = folder.resolve("iris.nn4j");
        Run spread = run("train", "--spark", "local[2]", "--data", IRIS.toString(), "--label", "species",
                "--hidden", "16", "--dropout", "0.2", "--l2", "1e-3", "--clip-norm", "5", "--schedule", "step:20:0.5",
                "--lr", "0.05", "--epochs", "300", "--early-stopping", "5", "--precision", "float32",
                "--save", model.toString());
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(spread.out()).contains("Training on Spark (local[2])").contains("Stopped early after epoch")
                .contains("Test set");
        SavedModel saved = ModelFile.read(model);
        assertThat(saved.network().describe()).contains("dropout 0.2").contains("float32");
        assertThat(saved.training()).containsKeys("l2", "clip_norm", "early_stopping")
                .containsEntry("stop_reason", "early stopping");
        // The doctor reads the same curves as on one machine: here, a learning rate far too high.
        Run wild = run("train", "--spark", "local[2]", "--data", IRIS.toString(), "--label", "species",
                "--optimizer", "sgd", "--lr", "50", "--epochs", "15", "--early-stopping", "0");
        assertThat(wild.code()).as(wild.err()).isZero();
        assertThat(wild.out()).containsPattern("(?i)learning rate|diverg");
    }

    @Test
    void theSparkRunMatchesOneMachineWithEveryOptionOn() throws Exception {
        Path onSpark = folder.resolve("spark.nn4j");
        Path onOne = folder.resolve("one.nn4j");
        String[] common = {"--data", IRIS.toString(), "--label", "species", "--hidden", "8", "--l2", "1e-3",
            "--clip-norm", "2", "--schedule", "exponential:0.97", "--epochs", "12", "--early-stopping", "4",
            "--seed", "5", "--precision", "float64"}; // float64, for which the 1e-9 below was set
        Run a = run(concat(new String[] {"train", "--spark", "local[2]", "--save", onSpark.toString()}, common));
        // Spark splits by hash on the executors; --split hash splits one machine's rows the same way.
        Run b = run(concat(new String[] {"train", "--split", "hash", "--save", onOne.toString()}, common));
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        var x = ModelFile.read(onSpark).network().parameters();
        var y = ModelFile.read(onOne).network().parameters();
        for (int p = 0; p < x.size(); p++) {
            for (int i = 0; i < x.get(p).value().size(); i++) {
                assertThat(x.get(p).value().get(i)).isCloseTo(y.get(p).value().get(i),
                        org.assertj.core.api.Assertions.within(1e-9));
            }
        }
        assertThat(Files.exists(onSpark)).isTrue();
        // The validation rows are measured on the executors each epoch, and the test rows scored there: the same
        // report, line for line, once the timing and the Spark banner are left out.
        assertThat(report(a.out())).isEqualTo(report(b.out()));
    }

    /** The lines of a run's report that do not depend on where or how fast it ran. */
    private static java.util.List<String> report(String out) {
        return out.lines().filter(line -> !line.startsWith("Training") && !line.startsWith("Saved the model"))
                .map(line -> line.replace(", 2 threads", "").replace(", 1 thread", "")).toList();
    }

    @Test
    void theDashboardAndThePicturesWorkOnSparkFromASampleOfTheTrainingRows() throws Exception {
        Path pictures = folder.resolve("pictures");
        Run spread = run("train", "--spark", "local[2]", "--data", IRIS.toString(), "--label", "species",
                "--features", "petal_length,petal_width", "--hidden", "4", "--epochs", "3", "--early-stopping", "0",
                "--ui", "--ui-port", "0", "--plot", pictures.toString());
        assertThat(spread.code()).as(spread.err()).isZero();
        assertThat(spread.out()).contains("Dashboard: http://127.0.0.1:").contains("Drew ")
                .contains("boundary").contains("val_loss");
        assertThat(pictures.resolve("history.png")).exists();
        assertThat(pictures.resolve("boundary.svg")).exists();
    }

    @Test
    void float32OnSparkMatchesFloat32OnOneMachine() throws Exception {
        Path onSpark = folder.resolve("spark32.nn4j");
        Path onOne = folder.resolve("one32.nn4j");
        String[] common = {"--data", IRIS.toString(), "--label", "species", "--hidden", "8", "--epochs", "5",
            "--precision", "float32", "--early-stopping", "0", "--seed", "2"};
        Run a = run(concat(new String[] {"train", "--spark", "local[2]", "--save", onSpark.toString()}, common));
        Run b = run(concat(new String[] {"train", "--split", "hash", "--save", onOne.toString()}, common));
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        var x = ModelFile.read(onSpark).network();
        var y = ModelFile.read(onOne).network();
        assertThat(x.describe()).contains("float32");
        for (int p = 0; p < x.parameters().size(); p++) {
            for (int i = 0; i < x.parameters().get(p).value().size(); i++) {
                // float32 sums in another order round differently: equal to float32's precision.
                assertThat(x.parameters().get(p).value().get(i)).isCloseTo(y.parameters().get(p).value().get(i),
                        org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }

    @Test
    void aBuiltInSetIsRefusedWithSparkInOneLine() {
        Run refused = run("train", "--spark", "local[2]", "--dataset", "iris");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--spark reads the table on the cluster: give it as --data PATH")
                .contains("nn4j data iris --out").doesNotContain("Exception");
    }

    @Test
    void aCheckpointOfASparkRunResumesOnSparkToTheUninterruptedWeights() throws Exception {
        Path whole = folder.resolve("whole.nn4j");
        Path resumed = folder.resolve("resumed.nn4j");
        Path checkpoint = folder.resolve("run.ckpt");
        String[] common = {"--data", IRIS.toString(), "--label", "species", "--hidden", "8", "--dropout", "0.1",
            "--early-stopping", "0", "--seed", "4"};
        Run straight = run(concat(new String[] {"train", "--spark", "local[2]", "--epochs", "6", "--save",
            whole.toString()}, common));
        assertThat(straight.code()).as(straight.err()).isZero();
        Run first = run(concat(new String[] {"train", "--spark", "local[2]", "--epochs", "4", "--checkpoint-every", "2",
            "--checkpoint", checkpoint.toString()}, common));
        assertThat(first.code()).as(first.err()).isZero();
        // A finished run keeps a checkpoint after its last epoch; resumed with --epochs 6 it trains epochs 5 and 6.
        Run second = run("train", "--resume", checkpoint.toString(), "--spark", "local[2]", "--epochs", "6",
                "--save", resumed.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("Resuming from").contains("epoch 5").contains("Training on Spark");
        var x = ModelFile.read(resumed).network().parameters();
        var y = ModelFile.read(whole).network().parameters();
        for (int p = 0; p < x.size(); p++) {
            for (int i = 0; i < x.get(p).value().size(); i++) {
                assertThat(x.get(p).value().get(i)).isCloseTo(y.get(p).value().get(i),
                        org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
