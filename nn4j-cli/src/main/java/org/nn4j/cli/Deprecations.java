package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Old spellings of options that still work, with one line on standard error that names the new one. */
final class Deprecations {

    private Deprecations() {
    }

    /** Warns once when the arguments used {@code old} (also as {@code old=VALUE}) for what is now {@code current}. */
    static void warn(CommandSpec spec, String old, String current) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (String arg : args) {
            if (arg.equals(old) || arg.startsWith(old + "=")) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("nn4j: " + old + " is now " + current + "; the old spelling still works for now");
                err.flush();
                return;
            }
        }
    }
}
