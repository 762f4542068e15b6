package org.nn4j.cli;

import java.util.List;
import java.util.TreeSet;
import org.nn4j.names.DidYouMean;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

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

    /** The message for {@code unmatched}, the words {@code command} did not take, in order (one or more). */
    static String message(CommandLine command, List<String> unmatched) {
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
