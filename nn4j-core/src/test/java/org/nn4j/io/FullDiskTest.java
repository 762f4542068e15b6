package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.random.RandomSource;

/** A save that runs out of disk fails with a clear error and leaves the previous file whole, and no litter. */
class FullDiskTest {

    private static Network network(int hidden, long seed) {
        return Network.builder(20).dense(hidden, Activations.RELU).dense(3, Activations.SOFTMAX)
                .build(Initializers.HE, RandomSource.seeded(seed));
    }

    /** Fills the file system until fewer than {@code keep} bytes are left. */
    private static void fillUntil(Path folder, long keep) throws IOException {
        try (OutputStream out = Files.newOutputStream(folder.resolve("filler"))) {
            byte[] block = new byte[4096];
            long free = Files.getFileStore(folder).getUnallocatedSpace();
            for (long written = 0; written + block.length < free - keep; written += block.length) {
                out.write(block);
            }
        }
    }

    @Test
    void aModelSaveThatRunsOutOfSpaceKeepsThePreviousModelIntact() throws IOException {
        // 1 MiB disk: the small model fits, the large one (about 400 KB of weights) will not once it is nearly full.
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setMaxSize(1L << 20).setBlockSize(4096).build())) {
            Path folder = Files.createDirectory(disk.getPath("/models"));
            Path file = folder.resolve("model.nn4j");
            Network small = network(8, 1);
            ModelFile.write(small, Map.of("version", "1"), file);
            byte[] before = Files.readAllBytes(file);
            fillUntil(folder, 64 * 1024);

            Network large = network(2000, 2);
            assertThatThrownBy(() -> ModelFile.write(large, Map.of("version", "2"), file))
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("Model file '/models/model.nn4j': could not be written");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            SavedModel survivor = ModelFile.read(file);
            assertThat(survivor.training()).containsEntry("version", "1");
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("model.nn4j", "filler");
            }
        }
    }

    @Test
    void aCheckpointThatRunsOutOfSpaceKeepsThePreviousCheckpoint() throws IOException {
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setMaxSize(1L << 20).setBlockSize(4096).build())) {
            Path folder = Files.createDirectory(disk.getPath("/run"));
            Path file = folder.resolve("run.ckpt");
            Files.write(file, List.of("an earlier checkpoint"));
            byte[] before = Files.readAllBytes(file);
            fillUntil(folder, 16 * 1024);
            assertThatThrownBy(() -> AtomicFile.write(file, new byte[200_000], "Checkpoint file"))
                    .isInstanceOf(ModelFileException.class).hasMessageStartingWith("Checkpoint file '/run/run.ckpt'");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left.count()).isEqualTo(2);
            }
        }
    }
}
