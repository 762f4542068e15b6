package org.nn4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/** The result of running the command line in-process with piped standard input. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String stdin, String... args) {
        return on(Terminal.none(), System::nanoTime, stdin, args);
    }

    /** Runs with standard output on {@code terminal} (or a file: {@link Terminal#none()}), timed by {@code clock}. */
    static CliRun on(Terminal terminal, LongSupplier clock, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Nn4j.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, clock);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
