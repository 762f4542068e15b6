package org.nn4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps two runs from writing the same model or checkpoint file: a run holds an operating-system lock on
 * {@code <file>.lock} beside it while it runs, and deletes it when done. The lock goes with the process, so one
 * killed outright never blocks the next run; its leftover lock file is simply taken over.
 */
final class RunLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code target} for this run.
     *
     * @param option the option that named it, for the message
     * @throws IllegalArgumentException when another run holds it, naming its lock file and process
     */
    static RunLock take(Path target, String option) throws IOException {
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object opened = fileKey(lockFile);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalArgumentException("Another nn4j run is writing " + target + " (" + option + "): it"
                        + " holds " + lockFile + holder(lockFile) + "; wait for it to end, or choose another file");
            }
            // The run before may have deleted the file between our open and our lock: then lock the new one.
            if (opened == null || opened.equals(fileKey(lockFile)) || attempt == 3) {
                channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                return new RunLock(lockFile, channel, lock);
            }
            lock.release();
            channel.close();
        }
    }

    /** The file's identity (device and inode where there are such), or null when it is gone or unknown. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        // Deleted while still locked, so that no other run can lock this file and then see it vanish.
        Files.deleteIfExists(file);
        lock.release();
        channel.close();
    }
}
