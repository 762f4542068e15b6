package org.nn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line holds the command that runs alone, and every command where help or a suggestion needs them. */
class CommandLineSetupTest {

    private static CommandLine setUp(String... args) {
        return Nn4j.commandLine(new Nn4j(System.in, Terminal.none(), System::nanoTime), args);
    }

    @Test
    void aCommandsNameBringsThatCommandAloneUnderItsOwnName() {
        for (String name : Nn4j.COMMANDS) {
            CommandLine cli = setUp(name, "--help");
            assertThat(cli.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(cli.getSubcommands().get(name).getCommandSpec().name()).isEqualTo(name);
        }
    }

    @Test
    void anythingElseBringsEveryCommandInHelpsOrder() {
        List<String> all = new ArrayList<>(Nn4j.COMMANDS);
        all.add("help");
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "xor"}, {"xr"}, {"-x"}}) {
            assertThat(setUp(args).getSubcommands().keySet()).as(String.join(" ", args)).containsExactlyElementsOf(all);
        }
        assertThat(setUp("--version").getSubcommands()).isEmpty();
    }

    @Test
    void aMistypedCommandStillGetsItsSuggestion() {
        CliRun run = CliRun.of("", "trian");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown command 'trian'").contains("train");
    }
}
