package org.nn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file all at once: the bytes go to a temporary file in the same folder, which is flushed to disk and
 * then renamed over the target. Whatever happens on the way (a full disk, a crash), the target holds either its
 * old bytes or all of the new ones, never a part.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} to {@code file}; {@code what} names the kind of file in errors (e.g. "Model file").
     *
     * @throws ModelFileException naming the file and the reason, with the target untouched
     */
    public static void write(Path file, byte[] bytes, String what) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ModelFileException(what, file, "cannot be written: the folder " + folder + " does not exist");
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new ModelFileException(what, file, "could not be written (" + describe(e) + ")", e);
        }
        try {
            keepOrOpenPermissions(temporary, absolute);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw new ModelFileException(what, file, "could not be written (" + describe(e) + ")", e);
        }
    }

    /**
     * Temporary files are created readable by their owner only; the result should be readable as any other file
     * the user writes, so it takes the permissions of the file it replaces, or rw-r--r--.
     */
    private static void keepOrOpenPermissions(Path temporary, Path target) throws IOException {
        if (!Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(temporary, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
