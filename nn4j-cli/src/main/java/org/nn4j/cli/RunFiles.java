package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The files a training run reads and writes, checked before any data is read: no output may be one of the inputs
 * (a model saved over its own training data), and every output must be writable, so that a bad path costs a
 * second, not a training run.
 */
final class RunFiles {

    /** The pictures {@code --plot} draws, each as .png and .svg. */
    private static final List<String> PICTURES = List.of("history", "network", "confusion", "boundary");

    private RunFiles() {
    }

    /**
     * @param inputs the files the run reads (data, test data, a resumed checkpoint); nulls are skipped
     * @param checkpointMayBe the one input the checkpoint may replace: the checkpoint being resumed
     * @throws IllegalArgumentException naming the option and the path that cannot be used
     */
    static void check(List<Path> inputs, Path save, Path checkpoint, Path checkpointMayBe, Path plot)
            throws IOException {
        List<Path> reads = inputs.stream().filter(Objects::nonNull).map(RunFiles::real).toList();
        requireNotAnInput("--save", save, reads, null);
        requireNotAnInput("--checkpoint", checkpoint, reads, checkpointMayBe);
        if (save != null && real(save).equals(real(checkpoint))) {
            throw new IllegalArgumentException("--save and --checkpoint name the same file, " + save + ": the model"
                    + " and the checkpoint would overwrite each other");
        }
        if (plot != null) {
            for (String picture : PICTURES) {
                for (String type : List.of(".png", ".svg")) {
                    requireNotAnInput("--plot", plot.resolve(picture + type), reads, null);
                }
            }
        }
        requireWritableFile("--save", save);
        requireWritableFile("--checkpoint", checkpoint);
        requireWritableFolder("--plot", plot);
    }

    /**
     * For the commands that read one file and write another (export, import, split): the output may not be (after
     * resolving links) one of the inputs, which it would destroy.
     *
     * @throws ParameterException naming the option and the path
     */
    static void requireNotAnInput(CommandSpec spec, String option, Path output, Path... inputs) {
        try {
            requireNotAnInput(option, output, Arrays.stream(inputs).map(RunFiles::real).toList(), null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void requireNotAnInput(String option, Path output, List<Path> reads, Path allowed) {
        if (output == null) {
            return;
        }
        Path real = real(output);
        if (reads.contains(real) && (allowed == null || !real.equals(real(allowed)))) {
            throw new IllegalArgumentException(option + " " + output + " is a file this command reads; writing it would"
                    + " destroy it. Choose another path");
        }
    }

    private static void requireWritableFile(String option, Path file) {
        if (file == null) {
            return;
        }
        Path target = real(file);
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; give a file name");
        }
        Path folder = target.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + ": the folder " + folder + " does not exist");
        }
        if (folder != null && !Files.isWritable(folder)) {
            throw new IllegalArgumentException(option + ": the folder " + folder + " is not writable");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new IllegalArgumentException(option + ": " + file + " is read-only");
        }
    }

    private static void requireWritableFolder(String option, Path folder) {
        if (folder == null) {
            return;
        }
        Path existing = real(folder);
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + folder + ": " + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + folder + ": the folder " + existing + " is not"
                    + " writable");
        }
    }

    /**
     * The path with every symbolic link resolved as far as the file system has it: the file itself when it exists,
     * else its nearest existing folder, with the rest of the path appended.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null) {
            try {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            } catch (IOException e) {
                existing = existing.getParent();
            }
        }
        return absolute;
    }
}
