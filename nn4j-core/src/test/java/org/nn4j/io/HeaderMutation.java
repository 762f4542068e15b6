package org.nn4j.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.optim.ReduceOnPlateau;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingCheckpoint;
import org.nn4j.train.TrainingListener;

/**
 * Hostile headers for the loaders' fuzz targets: a valid model or checkpoint whose JSON header has one span
 * replaced, then sealed with a recomputed checksum, so that the change reaches the parsers behind the checksum
 * (random bytes almost never get past it).
 */
final class HeaderMutation {

    /** A model with preprocessing (a numeric and a text column) and history. */
    static final byte[] MODEL;

    /** A checkpoint of an Adam run with a plateau schedule, taken inside an epoch. */
    static final byte[] CHECKPOINT;

    static {
        try {
            Table table = Table.readCsv("t.csv", new StringReader("a,colour,y\n1,red,x\n2,blue,z\n4,red,x\n"));
            Preprocessing prep = Preprocessing.fit(table, "y", null, new int[] {0, 1, 2});
            Network network = Network.builder(prep.inputs()).dense(3, Activations.RELU)
                    .dense(prep.outputs(), Activations.SIGMOID).build(Initializers.HE, RandomSource.seeded(1));
            MODEL = ModelFile.encode(new SavedModel(network, Map.of("seed", "1"), prep,
                    Map.of("loss", List.of(0.7, 0.5))));

            Matrix x = Matrix.zeros(12, 2);
            Matrix y = Matrix.zeros(12, 1);
            for (int r = 0; r < 12; r++) {
                x.set(r, 0, r % 3);
                x.set(r, 1, r % 4);
                y.set(r, 0, r % 2);
            }
            List<TrainingCheckpoint> saved = new ArrayList<>();
            int[] batches = {0};
            TrainingLoop.builder(Task.BINARY, new Adam(0.01)).batchSize(5).epochs(3).seed(2)
                    .schedule(new ReduceOnPlateau(0.5, 1)).checkpoints(0, saved::add)
                    .stopWhen(() -> ++batches[0] >= 5).build()
                    .fit(Network.builder(2).dense(3, Activations.TANH).dense(1, Activations.SIGMOID)
                            .build(Initializers.XAVIER, RandomSource.seeded(3)), new Dataset("d", x, y), null,
                            TrainingListener.NONE);
            CHECKPOINT = CheckpointFile.encode(new CheckpointFile.Saved(saved.get(0), Map.of("data", "d"), null,
                    List.of("--dataset", "moons", "--epochs", "3")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HeaderMutation() {
    }

    /**
     * {@code file} with {@code length} characters of its header at {@code at} (both taken modulo what fits)
     * replaced by {@code insert}, sealed with a valid checksum.
     */
    static byte[] mutate(byte[] file, int at, int length, String insert) {
        int headerLength = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        int textLength = new String(file, 8, headerLength, StandardCharsets.UTF_8).stripTrailing().length();
        int from = Math.floorMod(at, textLength + 1);
        int to = Math.min(textLength, from + Math.floorMod(length, 65));
        return HeaderEdit.apply(file, header -> header.substring(0, from) + insert + header.substring(to));
    }
}
