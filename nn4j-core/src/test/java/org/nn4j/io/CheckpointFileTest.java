package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.data.Dataset;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.ReduceOnPlateau;
import org.nn4j.optim.Sgd;
import org.nn4j.optim.StepDecay;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;
import org.nn4j.train.EarlyStopping;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingLoopBuilder;
import org.nn4j.train.TrainingCheckpoint;
import org.nn4j.train.TrainingListener;

/** A run stopped anywhere and resumed from its checkpoint file ends exactly where the uninterrupted run ends. */
class CheckpointFileTest {

    @TempDir
    Path folder;

    /** 3 classes by the sign pattern of two of 5 inputs; 90 training and 30 validation rows. */
    private static Dataset data(int rows, long seed) {
        RandomSource random = RandomSource.seeded(seed);
        Matrix x = Matrix.zeros(rows, 5);
        Matrix y = Matrix.zeros(rows, 3);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 5; c++) {
                x.set(r, c, random.nextGaussian());
            }
            int k = x.get(r, 0) > 0 ? (x.get(r, 1) > 0 ? 0 : 1) : 2;
            y.set(r, k, 1.0);
        }
        return new Dataset("signs", x, y);
    }

    private static final Dataset TRAIN = data(90, 1);
    private static final Dataset VALIDATION = data(30, 2);

    /** One way of training, rebuilt fresh for each run: network, trainer and whether to validate. */
    private record Scenario(String name, Supplier<Network> network, Supplier<TrainingLoopBuilder> trainer,
            boolean validate) {
    }

    private static List<Scenario> scenarios() {
        return List.of(
                new Scenario("adam, dropout, plateau schedule, early stopping with best weights, float64",
                        () -> Network.builder(5).dense(12, Activations.RELU).dropout(0.2)
                                .dense(3, Activations.SOFTMAX).build(Initializers.HE, RandomSource.seeded(3)),
                        () -> TrainingLoop.builder(Task.MULTICLASS, new Adam(0.02)).batchSize(16).epochs(14)
                                .seed(4).schedule(new ReduceOnPlateau(0.5, 1))
                                .earlyStopping(EarlyStopping.on("val_loss", 6)),
                        true),
                new Scenario("nesterov momentum, L2, clipping, step decay, float32",
                        () -> Network.builder(5).precision(Precision.FLOAT32).dense(8, Activations.TANH)
                                .dense(3, Activations.SOFTMAX).build(Initializers.XAVIER, RandomSource.seeded(5)),
                        () -> TrainingLoop.builder(Task.MULTICLASS, Sgd.nesterov(0.1, 0.9)).batchSize(10)
                                .epochs(9).seed(6).l2(1e-3).clipNorm(1.0).schedule(new StepDecay(3, 0.5)),
                        false));
    }

    private static FitResult train(Scenario s, Network network, TrainingLoop trainer) {
        return trainer.fit(network, TRAIN, s.validate ? VALIDATION : null, TrainingListener.NONE);
    }

    private static void assertSameWeights(Network actual, Network expected) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertThat(actual.parameters().get(i).value().sameBits(expected.parameters().get(i).value()))
                    .as(expected.parameters().get(i).name()).isTrue();
        }
    }

    @Test
    void aRunStoppedAnywhereAndResumedFromItsFileEndsBitForBitAsTheUninterruptedOne() throws IOException {
        for (Scenario s : scenarios()) {
            Network uninterrupted = s.network.get();
            FitResult expected = train(s, uninterrupted, s.trainer.get().build());
            // The stop request is asked after each mini-batch and once more at the end of each epoch.
            int asksPerEpoch = (s.name.startsWith("adam") ? 6 : 9) + 1;
            // Inside the first epoch, inside a later one, and at the end of an epoch.
            for (int stopAfter : new int[] {1, 2 * asksPerEpoch + 4, 3 * asksPerEpoch}) {
                AtomicInteger batches = new AtomicInteger();
                List<TrainingCheckpoint> saved = new ArrayList<>();
                Network first = s.network.get();
                FitResult interrupted = s.trainer.get().checkpoints(0, saved::add)
                        .stopWhen(() -> batches.incrementAndGet() >= stopAfter).build()
                        .fit(first, TRAIN, s.validate ? VALIDATION : null, TrainingListener.NONE);
                assertThat(interrupted.stopReason()).isEqualTo(FitResult.INTERRUPTED);
                assertThat(saved).hasSize(1);
                assertThat(saved.get(0).position()).isEqualTo(stopAfter == 1 ? "epoch 1, after mini-batch 1"
                        : stopAfter == 3 * asksPerEpoch ? "before epoch 4" : "epoch 3, after mini-batch 4");

                Path file = folder.resolve("run.ckpt");
                CheckpointFile.write(new CheckpointFile.Saved(saved.get(0), Map.of("data", "signs"), null,
                        List.of("train", "--epochs", "9")), file);
                CheckpointFile.Saved loaded = CheckpointFile.read(file);
                assertThat(loaded.command()).containsExactly("train", "--epochs", "9");
                assertThat(loaded.checkpoint().position()).isEqualTo(saved.get(0).position());

                // Different starting weights: the resumed run must take everything from the checkpoint.
                Network resumed = Network.builder(5).precision(first.precision())
                        .dense(first.layers().get(0).units(), first.layers().get(0).activation())
                        .dropout(first.layers().get(0).dropout()).dense(3, Activations.SOFTMAX)
                        .build(Initializers.HE, RandomSource.seeded(99));
                FitResult result = s.trainer.get().build().resume(resumed, TRAIN, s.validate ? VALIDATION : null,
                        TrainingListener.NONE, loaded.checkpoint());
                assertSameWeights(resumed, uninterrupted);
                assertThat(result.history()).as(s.name + ", stopped after batch " + stopAfter)
                        .isEqualTo(expected.history());
                assertThat(result.bestEpoch()).isEqualTo(expected.bestEpoch());
                assertThat(result.stopReason()).isEqualTo(expected.stopReason());
            }
        }
    }

    @Test
    void periodicCheckpointsFallOnEpochBoundariesAndEachResumesExactly() throws IOException {
        Scenario s = scenarios().get(1);
        Network uninterrupted = s.network.get();
        train(s, uninterrupted, s.trainer.get().build());
        List<TrainingCheckpoint> saved = new ArrayList<>();
        Network network = s.network.get();
        s.trainer.get().checkpoints(2, saved::add).build().fit(network, TRAIN, null, TrainingListener.NONE);
        assertSameWeights(network, uninterrupted);
        assertThat(saved).extracting(TrainingCheckpoint::position)
                .containsExactly("before epoch 3", "before epoch 5", "before epoch 7", "before epoch 9",
                        "before epoch 10");
        Path file = folder.resolve("every2.ckpt");
        CheckpointFile.write(new CheckpointFile.Saved(saved.get(2), Map.of(), null, List.of()), file);
        Network resumed = s.network.get();
        s.trainer.get().build().resume(resumed, TRAIN, null, TrainingListener.NONE,
                CheckpointFile.read(file).checkpoint());
        assertSameWeights(resumed, uninterrupted);
    }

    @Test
    void aFinishedRunExtendedToMoreEpochsEndsAsARunThatAskedForThemAtOnce() {
        Scenario s = scenarios().get(1);
        Network straight = s.network.get();
        s.trainer.get().epochs(18).build().fit(straight, TRAIN, null, TrainingListener.NONE);
        List<TrainingCheckpoint> saved = new ArrayList<>();
        s.trainer.get().checkpoints(9, saved::add).build().fit(s.network.get(), TRAIN, null, TrainingListener.NONE);
        TrainingCheckpoint finished = saved.get(saved.size() - 1);
        assertThat(finished.position()).isEqualTo("before epoch 10");

        Network extended = s.network.get();
        FitResult result = s.trainer.get().epochs(18).build().resume(extended, TRAIN, null, TrainingListener.NONE,
                finished);
        assertThat(result.epochs()).isEqualTo(18);
        assertSameWeights(extended, straight);
        assertThatThrownBy(() -> s.trainer.get().epochs(5).build().resume(s.network.get(), TRAIN, null,
                TrainingListener.NONE, finished)).hasMessageContaining("9 finished epochs, more than the 5");
    }

    @Test
    void settingsWrittenWithJavasNumberSpellingStillMatchOnResume() {
        Scenario s = scenarios().get(1);
        List<TrainingCheckpoint> saved = new ArrayList<>();
        s.trainer.get().checkpoints(3, saved::add).build().fit(s.network.get(), TRAIN, null, TrainingListener.NONE);
        TrainingCheckpoint c = saved.get(0);
        Map<String, String> older = new java.util.LinkedHashMap<>(c.settings());
        older.put("l2", "0.0010");
        older.put("clip_norm", "1.0");
        TrainingCheckpoint olderSpelling = new TrainingCheckpoint(c.epoch(), c.nextBatch(), c.order(), c.lossSum(),
                c.correct(), c.shufflingState(), c.dropoutState(), c.learningRate(), c.history(), c.bestValue(),
                c.bestEpoch(), c.epochsWithoutImprovement(), c.weights(), c.epochStart(), c.best(),
                c.optimizerState(), c.scheduleState(), older, c.dataFingerprint());
        Network resumed = s.network.get();
        s.trainer.get().build().resume(resumed, TRAIN, null, TrainingListener.NONE, olderSpelling);
        Network uninterrupted = s.network.get();
        train(s, uninterrupted, s.trainer.get().build());
        assertSameWeights(resumed, uninterrupted);
    }

    @Test
    void resumingWithOtherSettingsOrDataIsRefusedWithTheDifference() {
        Scenario s = scenarios().get(1);
        List<TrainingCheckpoint> saved = new ArrayList<>();
        s.trainer.get().checkpoints(3, saved::add).build().fit(s.network.get(), TRAIN, null, TrainingListener.NONE);
        TrainingCheckpoint checkpoint = saved.get(0);
        assertThatThrownBy(() -> s.trainer.get().batchSize(11).build().resume(s.network.get(), TRAIN, null,
                TrainingListener.NONE, checkpoint)).hasMessageContaining("batch_size was 10, now 11");
        assertThatThrownBy(() -> s.trainer.get().build().resume(s.network.get(), data(90, 7), null,
                TrainingListener.NONE, checkpoint)).hasMessageContaining("training data differ");
        Network wider = Network.builder(5).precision(Precision.FLOAT32).dense(9, Activations.TANH)
                .dense(3, Activations.SOFTMAX).build(Initializers.XAVIER, RandomSource.seeded(5));
        assertThatThrownBy(() -> s.trainer.get().build().resume(wider, TRAIN, null, TrainingListener.NONE,
                checkpoint)).hasMessageContaining("5-8-3 (tanh, softmax) float32");
    }

    @Test
    void aDamagedOrForeignFileIsRefusedByName() throws IOException {
        Scenario s = scenarios().get(0);
        List<TrainingCheckpoint> saved = new ArrayList<>();
        s.trainer.get().checkpoints(1, saved::add).build().fit(s.network.get(), TRAIN, VALIDATION,
                TrainingListener.NONE);
        Path file = folder.resolve("c.ckpt");
        CheckpointFile.write(new CheckpointFile.Saved(saved.get(0), Map.of(), null, List.of()), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Path damaged = folder.resolve("damaged.ckpt");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> CheckpointFile.read(damaged)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("Checkpoint file").hasMessageContaining("the file is damaged");

        Path model = folder.resolve("model.nn4j");
        ModelFile.write(s.network.get(), Map.of(), model);
        assertThatThrownBy(() -> CheckpointFile.read(model)).hasMessageContaining("a model file, not a checkpoint");
        assertThatThrownBy(() -> ModelFile.read(file))
                .hasMessageContaining("a checkpoint of a training run, not a model");
    }

    /** A checkpoint of the first scenario (adam, plateau schedule), written as {@code nn4j train} writes one. */
    private byte[] adamCheckpoint() throws IOException {
        Scenario s = scenarios().get(0);
        List<TrainingCheckpoint> saved = new ArrayList<>();
        s.trainer.get().checkpoints(1, saved::add).build().fit(s.network.get(), TRAIN, VALIDATION,
                TrainingListener.NONE);
        Path file = folder.resolve("adam.ckpt");
        CheckpointFile.write(new CheckpointFile.Saved(saved.get(1), Map.of(), null, List.of("--epochs", "14")), file);
        return Files.readAllBytes(file);
    }

    @Test
    void aFlippedBitInTheHeaderIsRefusedAsDamaged() throws IOException {
        byte[] bytes = adamCheckpoint();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // "--epochs" "14" becomes "15": the recorded command, which the checksum now covers.
        int digit = text.indexOf("\\\"14\\\"") + 3;
        assertThat(text.charAt(digit)).isEqualTo('4');
        bytes[digit] ^= 0x01;
        assertThatThrownBy(() -> CheckpointFile.decode(bytes)).hasMessageContaining("the file is damaged");
    }

    @Test
    void anOptimizerStateThatDoesNotFitTheNetworkIsRefusedInOneLineOnResume() throws IOException {
        byte[] bytes = adamCheckpoint();
        // A header-only edit, sealed with a valid checksum: the 8 bytes of layers.0.weight's step count are read as
        // two float32 values. The tensors still tile the data section, so the file itself loads.
        byte[] twoSteps = HeaderEdit.apply(bytes, header -> header.replaceFirst(
                "(\"optimizer\\.layers\\.0\\.weight\\.step\":\\{\"dtype\":)\"F64\",\"shape\":\\[1\\]",
                "$1\"F32\",\"shape\":[2]"));
        TrainingCheckpoint loaded = CheckpointFile.decode(twoSteps).checkpoint();
        assertThat(loaded.optimizerState().get("layers.0.weight.step")).hasSize(2);
        Scenario s = scenarios().get(0);
        assertThatThrownBy(() -> s.trainer.get().build().resume(s.network.get(), TRAIN, VALIDATION,
                TrainingListener.NONE, loaded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The saved step of layers.0.weight should be one whole number of 1 or more, got 2 values");

    }

    @Test
    void stateThatIsNotFiniteIsRefusedNamingTheTensor() throws IOException {
        byte[] bytes = adamCheckpoint();
        int length = (int) java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        // The last tensor is the row order, the one before it an optimizer buffer; its last value becomes NaN.
        int lastOptimizerValue = bytes.length - 8 * TRAIN.size() - 8;
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(lastOptimizerValue,
                Double.NaN);
        byte[] resealed = HeaderEdit.apply(bytes, header -> header);
        assertThat(length).isPositive();
        assertThatThrownBy(() -> CheckpointFile.decode(resealed)).hasMessageContaining("optimizer.")
                .hasMessageContaining("holds NaN");
    }
}
