package org.nn4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How much a training command prints as it goes: the same two options, with one meaning, on train and xor. */
final class ReportOptions {

    @Option(names = "--every", paramLabel = "N",
            description = "Print the epoch's metrics every N epochs (train also prints the first, the best and the "
                    + "last). Default: train 1, xor 50 (tutorial preset: 100).")
    Integer every;

    @Option(names = "--quiet", description = "Print no epoch lines and no progress: only the result and errors.")
    boolean quiet;

    /** Refuses an interval below 1, and --every with --quiet, which would print nothing every N epochs. */
    void check(CommandSpec spec) {
        if (every != null && every < 1) {
            throw new ParameterException(spec.commandLine(), "--every takes a number of epochs of 1 or more, got "
                    + every);
        }
        if (every != null && quiet) {
            throw new ParameterException(spec.commandLine(), "--quiet prints no epoch lines; leave out --every "
                    + every + " or --quiet");
        }
    }
}
