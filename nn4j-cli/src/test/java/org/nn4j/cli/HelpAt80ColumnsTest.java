package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help}, as the command line prints it, fits 80 columns and breaks lines only between
 * words: no option name is cut at a hyphen, and no quoted command ('nn4j summary MODEL') is split over two lines.
 */
class HelpAt80ColumnsTest {

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    @Test
    void everyCommandsHelpFitsEightyColumnsWithoutBreakingACodeWord() {
        CommandLine root = Nn4j.commandLine(new Nn4j(System.in, Terminal.none(), System::nanoTime), new String[0]);
        Set<String> options = new HashSet<>();
        List<String> commands = new ArrayList<>(List.of(""));
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            commands.add(spec.name());
            for (OptionSpec o : spec.options()) {
                options.addAll(List.of(o.names()));
            }
        }
        assertThat(commands).hasSizeGreaterThan(10);
        for (String command : commands) {
            CliRun run = command.isEmpty() ? CliRun.of("", "--help") : CliRun.of("", command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            List<String> lines = run.out().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = "nn4j " + command + " --help, line " + (i + 1) + ": " + line;
                assertThat(line.length()).as(where).isLessThanOrEqualTo(80);
                assertThat(line).as(where).doesNotMatch(".*[\\w]-$");
                Matcher m = OPTION.matcher(line);
                while (m.find()) {
                    assertThat(options).as(where + " names " + m.group()).contains(m.group());
                }
                // An opening quote before a command whose closing quote is on the next line.
                assertThat(line).as(where).doesNotMatch(".*(^|\\s)'nn4j( [^']*)?$");
            }
        }
    }
}
