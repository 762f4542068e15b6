package org.nn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code nn4j train} that a checkpoint records so that {@code --resume} continues the same run: the
 * training maths and the data it reads, nothing else. Where nn4j writes (--save, --checkpoint, --plot), what it
 * listens on (--ui, --ui-host, --ui-port) and where it runs (--spark) are effects outside the maths; a file must
 * never choose them, so they are neither recorded nor taken from a checkpoint, only from the command line that
 * resumes.
 */
final class RecordedOptions {

    /** What a checkpoint may set. --checkpoint-every only says how often the checkpoint the user named is rewritten. */
    static final Set<String> TRAINING = Set.of("--data", "--dataset", "--test-data", "--label", "--task", "--hidden",
            "--activation", "--init", "--dropout", "--precision", "--optimizer", "--lr", "--momentum",
            "--weight-decay", "--lbfgs-history", "--line-search", "--l2", "--clip-norm", "--schedule", "--batch",
            "--epochs", "--early-stopping", "--monitor", "--class-weight", "--method", "--test", "--validation",
            "--seed", "--samples", "--noise", "--classes", "--checkpoint-every", "--features", "--drop", "--impute",
            "--missing-indicator", "--split");

    /** The data a run reads: recorded, and given again with --resume to read it from elsewhere. */
    static final Set<String> DATA = Set.of("--data", "--dataset", "--test-data");

    /**
     * What the command line may give with --resume: the run's effects, its data, the checkpoint cadence, how much
     * it prints, and --epochs, the total to train to, which extends a run (a checkpoint's settings are compared
     * without it).
     */
    static final Set<String> WITH_RESUME = Set.of("--resume", "--save", "--checkpoint", "--checkpoint-every",
            "--plot", "--ui", "--ui-host", "--ui-port", "--spark", "--verbose", "--threads", "--data", "--dataset",
            "--test-data", "--quiet", "--every", "--epochs");

    /**
     * What a resumed run takes from its own command line into the parsed options, beside the recorded ones: the
     * data to read from elsewhere, the checkpoint cadence, how many threads to use (which changes no weight) and
     * the epochs to train to.
     */
    static final Set<String> FROM_THIS_COMMAND_LINE = Set.of("--data", "--dataset", "--test-data",
            "--checkpoint-every", "--threads", "--epochs");

    private RecordedOptions() {
    }

    /** The matched options of {@code parsed} whose names are in {@code names}, as arguments, in their order. */
    static List<String> arguments(ParseResult parsed, Set<String> names) {
        List<String> arguments = new ArrayList<>();
        // An option given twice is listed once per use, each time with all its values.
        for (OptionSpec option : parsed.matchedOptions().stream().distinct().toList()) {
            if (names.contains(current(option))) {
                for (String value : option.originalStringValues()) {
                    arguments.add(current(option));
                    arguments.add(value);
                }
            }
        }
        return arguments;
    }

    /** The names of the matched options of {@code parsed} that are not in {@code names}. */
    static List<String> others(ParseResult parsed, Set<String> names) {
        return parsed.matchedOptions().stream().map(RecordedOptions::current).filter(n -> !names.contains(n))
                .distinct().toList();
    }

    /** An option's current spelling: its first name (an old spelling, such as --layers, comes after it). */
    private static String current(OptionSpec option) {
        return option.names()[0];
    }

    /** {@code arguments} without the options named in {@code names} and their values. */
    static List<String> without(List<String> arguments, Set<String> names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            if (!names.contains(arguments.get(i))) {
                kept.add(arguments.get(i));
                kept.add(arguments.get(i + 1));
            }
        }
        return kept;
    }
}
