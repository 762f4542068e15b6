package org.nn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code nn4j} command; {@link #commandLine} adds its subcommands. */
@Command(name = "nn4j", mixinStandardHelpOptions = true, version = "nn4j 0.1.0",
        description = "Build, train, inspect and use feed-forward neural networks.")
public final class Nn4j implements Runnable {

    /** The subcommands' names, in the order help lists them (then picocli's {@code help}). */
    static final List<String> COMMANDS = List.of("xor", "train", "evaluate", "predict", "summary", "tune", "split",
            "data", "import", "export", "explain", "plot", "ui", "bench");

    /** Exit code for a user's mistake found while running (bad file, wrong shape); option errors give 2. */
    static final int USER_ERROR = 1;

    /** Exit code after Ctrl-C, as for a process ended by SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;

    /** Exit code after SIGTERM, as for a process ended by it (128 + 15). */
    static final int TERMINATED = 143;

    private final InputStream in;
    private final Terminal terminal;
    private final LongSupplier clock;

    /** {@code terminal}: where standard output goes, or null to detect it when asked; {@code clock}: nanoseconds. */
    Nn4j(InputStream in, Terminal terminal, LongSupplier clock) {
        this.in = in;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Whether standard output is a terminal, and its width. */
    Terminal terminal() {
        return terminal != null ? terminal : Terminal.detect(System.getenv());
    }

    /** The clock progress and ETAs are timed by, in nanoseconds. */
    LongSupplier clock() {
        return clock;
    }

    /** Standard input, for the prompt and for CSV read from {@code -}. */
    InputStream in() {
        return in;
    }

    /** Standard input as UTF-8 text, strictly: bytes that are not UTF-8 are an error, not replaced in silence. */
    Reader inText() {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder());
    }

    /**
     * The command line for {@code args}: when they start with a command's name, the root and that command alone,
     * else every command and {@code help} (for the help, the list of commands and suggestions for a mistyped one).
     * picocli builds each command's model by reflection when it is added, and building all fourteen took about a
     * tenth of a second of every run's start.
     */
    static CommandLine commandLine(Nn4j root, String[] args) {
        CommandLine cli = new CommandLine(root);
        String first = args.length > 0 ? args[0] : "";
        if (COMMANDS.contains(first)) {
            cli.addSubcommand(first, newCommand(first));
        } else if (!first.equals("-V") && !first.equals("--version")) {
            for (String name : COMMANDS) {
                cli.addSubcommand(name, newCommand(name));
            }
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        return cli;
    }

    /** A new instance of the command called {@code name}, one of {@link #COMMANDS}. */
    private static Object newCommand(String name) {
        // A switch, not a table of classes: only the command that runs is loaded.
        return switch (name) {
            case "xor" -> new XorCommand();
            case "train" -> new TrainCommand();
            case "evaluate" -> new EvaluateCommand();
            case "predict" -> new PredictCommand();
            case "summary" -> new SummaryCommand();
            case "tune" -> new TuneCommand();
            case "split" -> new SplitCommand();
            case "data" -> new DataCommand();
            case "import" -> new ImportCommand();
            case "export" -> new ExportCommand();
            case "explain" -> new ExplainCommand();
            case "plot" -> new PlotCommand();
            case "ui" -> new UiCommand();
            case "bench" -> new BenchCommand();
            default -> throw new IllegalArgumentException("No command called " + name);
        };
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing a command: try 'nn4j xor'");
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, null, System::nanoTime);
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)}, on a given terminal and clock (for tests). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Terminal terminal,
            LongSupplier clock) {
        // Names and records from files reach the terminal: no control character in them may drive it.
        PrintWriter outWriter = new PrintWriter(
                TerminalText.printable(new OutputStreamWriter(out, StandardCharsets.UTF_8)), true);
        PrintWriter errWriter = new PrintWriter(
                TerminalText.printable(new OutputStreamWriter(err, StandardCharsets.UTF_8)), true);
        CommandLine cli = commandLine(new Nn4j(in, terminal, clock), args);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            outWriter.flush();
            if (e instanceof IllegalArgumentException || e instanceof IOException
                    || e instanceof UncheckedIOException) {
                // A user's mistake: one clear line, no stack trace.
                String message = e instanceof UncheckedIOException ? e.getCause().getMessage() : e.getMessage();
                errWriter.println("nn4j: " + TerminalText.oneLine(String.valueOf(message)));
                return USER_ERROR;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            String message = UnknownArgument.message(e);
            errWriter.println("nn4j: " + TerminalText.oneLine(String.valueOf(message)));
            errWriter.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // The input's objects are gone with the stack that held them, so one line fits in what is left.
            outWriter.flush();
            errWriter.println("nn4j: ran out of memory: the input needs more than the Java heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; give a larger one with"
                    + " JAVA_OPTS=-Xmx8g (./nn4j passes JAVA_OPTS to Java) or java -Xmx8g");
            code = USER_ERROR;
        }
        outWriter.flush();
        errWriter.flush();
        return code;
    }
}
