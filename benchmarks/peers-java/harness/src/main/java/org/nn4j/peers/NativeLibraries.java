package org.nn4j.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The native code a library brought into this process: the shared libraries mapped into it (Linux's
 * {@code /proc/self/maps}) other than the JDK's own and the system's, which every peer would load anyway.
 */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * The bytes of those libraries, each counted once as the furthest extent of the file mapped (a file that was
     * unpacked to a temporary folder and deleted after loading still counts); -1 where the maps cannot be read.
     */
    static long loadedBytes() {
        String javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize().toString();
        Map<String, Long> extentByFile = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                // start-end perms offset dev inode path
                String[] parts = line.trim().split("\\s+", 6);
                if (parts.length < 6) {
                    continue;
                }
                String file = parts[5].replace(" (deleted)", "");
                if (!file.contains(".so") || file.startsWith(javaHome) || file.startsWith("/usr/lib")
                        || file.startsWith("/lib")) {
                    continue;
                }
                String[] range = parts[0].split("-");
                long length = Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                long extent = Long.parseUnsignedLong(parts[2], 16) + length;
                extentByFile.merge(file, extent, Math::max);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return extentByFile.values().stream().mapToLong(Long::longValue).sum();
    }
}
