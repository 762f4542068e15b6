package org.nn4j.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the whole of a file nn4j loads, with the same plain-words errors for every kind of file. */
final class FileBytes {

    /** The largest file nn4j reads: its bytes are held in one array. */
    static final long MAX_READ_BYTES = Integer.MAX_VALUE - 16;

    private FileBytes() {
    }

    /**
     * The file's bytes.
     *
     * @param what the kind of file in messages, capitalised as they start ("Model file", "Checkpoint file")
     * @param kind the same in the middle of a sentence ("a model file", "a checkpoint")
     * @throws ModelFileException when the file is missing, a folder, a device or pipe, unreadable or too large to
     *     hold
     */
    static byte[] read(Path file, String what, String kind) throws IOException {
        try {
            if (Files.isDirectory(file)) {
                throw new ModelFileException(what, file, "is a folder, not " + kind);
            }
            // A device or a pipe has no size to check beforehand (it reports 0), and /dev/zero never ends.
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ModelFileException(what, file, "is not a regular file (a device, pipe or socket?); nn4j"
                        + " reads " + kind + " from a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_READ_BYTES) {
                throw new ModelFileException(what, file, "is " + size + " bytes long; nn4j reads files of up to "
                        + MAX_READ_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(what, file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(what, file, "cannot be read (permission denied)");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(what, file, "cannot be read (" + AtomicFile.describe(e) + ")", e);
        }
    }
}
