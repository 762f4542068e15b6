package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the machine a benchmark runs on: CPU model, cores, JVM, and the process's peak memory. */
final class Machine {

    private Machine() {
    }

    /** E.g. {@code AMD EPYC, 2 cores, Java 17.0.12 (OpenJDK 64-Bit Server VM)}. */
    static String describe() {
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    /** The peak resident set size of this process in bytes (Linux's VmHWM), or -1 where unknown. */
    static long peakResidentBytes() {
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
