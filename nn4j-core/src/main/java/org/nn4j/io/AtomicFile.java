package org.nn4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replaces a file all at once: the bytes go to a temporary file in the same folder, which is flushed to disk and
 * then renamed over the target. Whatever happens on the way (a full disk, a crash), the target holds either its
 * old bytes or all of the new ones, never a part. A new file gets the permissions the umask allows, a replaced one
 * keeps its own, and a symbolic link is written through, not replaced.
 */
public final class AtomicFile {

    private static final int MAX_LINKS = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} to {@code file}; {@code what} names the kind of file in errors (e.g. "Model file").
     *
     * @throws ModelFileException naming the file and the reason, with the target untouched
     */
    public static void write(Path file, byte[] bytes, String what) throws IOException {
        Path absolute;
        try {
            absolute = throughLinks(file.toAbsolutePath());
        } catch (IOException e) {
            throw new ModelFileException(what, file, "could not be written (" + describe(e) + ")", e);
        }
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ModelFileException(what, file, "cannot be written: the folder " + folder + " does not exist");
        }
        Path temporary;
        try {
            temporary = createTemporary(absolute);
        } catch (IOException e) {
            throw new ModelFileException(what, file, "could not be written (" + describe(e) + ")", e);
        }
        try {
            keepPermissions(temporary, absolute);
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
     * Deletes the temporary files an earlier write to {@code file} left behind when its process was killed: only
     * names this class makes for exactly that target ({@code .NAME.DIGITS.tmp} beside it), only plain files. Call
     * it while holding the target's lock, so that no live write's temporary is taken.
     *
     * @return the files deleted
     */
    public static List<Path> removeStaleTemporaries(Path file) throws IOException {
        Path target = throughLinks(file.toAbsolutePath());
        Path folder = target.getParent();
        List<Path> removed = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return removed;
        }
        Pattern ours = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "[0-9]+\\.tmp");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> ours.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(entry)) {
                    removed.add(entry);
                }
            }
        }
        return removed;
    }

    /**
     * The file a write to {@code file} should replace: a symbolic link is followed to its target, so that the link
     * stays a link (as an editor saving through it keeps it) and the file it names gets the new bytes.
     */
    static Path throughLinks(Path file) throws IOException {
        Path path = file;
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == MAX_LINKS) {
                throw new IOException("more than " + MAX_LINKS + " symbolic links in a row, or a loop of them");
            }
            path = path.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(path)).normalize();
        }
        return path;
    }

    /**
     * A new, empty temporary file beside {@code target}. It is created with read and write for everyone as the
     * requested mode, which the operating system reduces by the process's umask as for any new file
     * ({@code Files.createTempFile} would ask for owner-only instead, and setting a fixed mode afterwards would
     * ignore the umask).
     */
    private static Path createTemporary(Path target) throws IOException {
        boolean posix = Files.getFileStore(target.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
        for (int attempt = 0; ; attempt++) {
            String name = "." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp";
            Path temporary = target.resolveSibling(name);
            try {
                return posix ? Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-rw-rw-"))) : Files.createFile(temporary);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** A file that is replaced keeps its permissions, as it does when an editor saves it. */
    private static void keepPermissions(Path temporary, Path target) throws IOException {
        if (Files.exists(target)
                && Files.getFileStore(temporary).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        }
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
