package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a model's starting weights came from, as its training record keeps it: the file's name and the SHA-256 of
 * its bytes, so that the origin is known even after the file is moved or overwritten.
 */
final class Origin {

    private Origin() {
    }

    /** {@code model.nn4j (sha256 3f2a…)}, with the full digest. */
    static String of(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return file.getFileName() + " (sha256 " + HexFormat.of().formatHex(digest) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
