package org.nn4j.cli;

import java.util.List;
import java.util.TreeSet;
import org.nn4j.names.DidYouMean;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The message for a word on the command line that no command, option or parameter takes: the first such word
 * only, with the closest known name, as in
 * {@code Unknown option '--lable' for 'nn4j train' (did you mean '--label'?)}.
 * Picocli's own message lists every word from the first unknown one on, so that the value of a mistyped option
 * reads as another unknown option.
 */
final class UnknownArgument {

    private UnknownArgument() {
    }

    /** The message for a usage error: this class's when a word was not taken, else picocli's own. */
    static String message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return message(command, unmatched.getUnmatched());
        }
        if (!command.getUnmatchedArguments().isEmpty()) {
            // A mistyped option also leaves the option it was meant to be missing: name the typo, the cause.
            return message(command, command.getUnmatchedArguments());
        }
        if (e.getArgSpec() == null && e.getValue() != null && !command.getSubcommands().isEmpty()) {
            // 'nn4j help trian': the help command reports the unknown command as its value.
            return message(command, List.of(e.getValue()));
        }
        return e.getMessage();
    }

    /** The message for {@code unmatched}, the words {@code command} did not take, in order (one or more). */
    private static String message(CommandLine command, List<String> unmatched) {
        CommandSpec spec = command.getCommandSpec();
        String word = unmatched.get(0);
        String name = spec.qualifiedName();
        if (word.startsWith("-") && word.length() > 1 && !isNumber(word)) {
            // --lable=species names the option --lable.
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            return "Unknown option '" + option + "' for '" + name + "'"
                    + DidYouMean.hint(option, spec.optionsMap().keySet());
        }
        if (!command.getSubcommands().isEmpty()) {
            return "Unknown command '" + word + "'" + DidYouMean.hint(word, command.getSubcommands().keySet())
                    + "; the commands are " + String.join(", ", new TreeSet<>(command.getSubcommands().keySet()));
        }
        return "Unexpected argument '" + word + "' for '" + name + "'"
                + (spec.positionalParameters().isEmpty() ? ", which takes options only" : "");
    }

    private static boolean isNumber(String word) {
        try {
            Double.parseDouble(word);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
