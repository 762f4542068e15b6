package org.nn4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in tables written out as CSV files by {@code nn4j data}, for tests that read data as a user's file is
 * read. Each is written once per test run, into a temporary folder of its own.
 */
final class BuiltInFiles {

    private BuiltInFiles() {
    }

    /** {@code NAME.csv}: the built-in set {@code name}, written by {@code nn4j data NAME --out}. */
    static Path written(String name) {
        try {
            Path folder = Files.createTempDirectory("nn4j-" + name);
            Path file = folder.resolve(name + ".csv");
            CliRun run = CliRun.of("", "data", name, "--out", file.toString());
            if (run.exitCode() != 0) {
                throw new IllegalStateException("nn4j data " + name + " failed: " + run.err());
            }
            folder.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
