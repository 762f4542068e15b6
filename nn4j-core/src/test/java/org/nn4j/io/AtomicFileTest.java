package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an atomic replace leaves on disk: the permissions the user asked for, and no debris of earlier runs. */
class AtomicFileTest {

    @TempDir
    Path folder;

    /** Writes one file with {@link AtomicFile}, in a process of its own whose umask the test chooses. */
    public static final class WriteOne {
        public static void main(String[] args) throws IOException {
            AtomicFile.write(Path.of(args[0]), new byte[] {1, 2, 3}, "Test file");
        }
    }

    private String modeWrittenUnder(String umask, String name) throws Exception {
        Path file = folder.resolve(name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, System.getProperty("java.class.path"), WriteOne.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aNewFileGetsThePermissionsTheUmaskAllows() throws Exception {
        assumeTrue(Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class),
                "a POSIX file system");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
        assertThat(modeWrittenUnder("077", "private.nn4j")).isEqualTo("rw-------");
        assertThat(modeWrittenUnder("027", "group.nn4j")).isEqualTo("rw-r-----");
        assertThat(modeWrittenUnder("022", "shared.nn4j")).isEqualTo("rw-r--r--");
    }

    @Test
    void staleTemporariesOfTheSameTargetAreRemovedAndNothingElse() throws IOException {
        Path target = folder.resolve("run.nn4j.ckpt");
        List<String> stale = List.of(".run.nn4j.ckpt.123.tmp", ".run.nn4j.ckpt.18446744073709551615.tmp");
        List<String> kept = List.of("run.nn4j.ckpt", ".run.nn4j.ckpt.abc.tmp", ".run.nn4j.ckpt.12.tmp.bak",
                ".other.nn4j.ckpt.123.tmp", "run.nn4j.ckpt.123.tmp", ".run.nn4j.123.tmp", ".run.nn4j.ckpt..tmp");
        for (String name : Stream.concat(stale.stream(), kept.stream()).toList()) {
            Files.writeString(folder.resolve(name), name);
        }
        Files.createDirectory(folder.resolve(".run.nn4j.ckpt.7.tmp"));
        Files.createSymbolicLink(folder.resolve(".run.nn4j.ckpt.8.tmp"), folder.resolve("run.nn4j.ckpt"));

        List<Path> removed = AtomicFile.removeStaleTemporaries(target);

        assertThat(removed).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(stale);
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    Stream.concat(kept.stream(), Stream.of(".run.nn4j.ckpt.7.tmp", ".run.nn4j.ckpt.8.tmp"))
                            .toArray(String[]::new));
        }
    }
}
