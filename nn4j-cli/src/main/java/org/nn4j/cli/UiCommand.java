package org.nn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.nn4j.dashboard.DashboardServer;
import org.nn4j.dashboard.EventLog;
import org.nn4j.dashboard.Playground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn4j ui}: the dashboard on its own, as a playground for the built-in 2-D data sets. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Start the dashboard on its own, as a playground: choose a built-in 2-D data set, its noise, "
                + "the hidden layers, activation, optimizer and learning rate in the page, and watch the network "
                + "learn, with its decision boundary. Enter (or Ctrl-C) stops the server."})
final class UiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Nn4j parent;

    @Option(names = "--port", paramLabel = "PORT", description = "The port; 0 for any free one. Default: 8765.")
    private int port = 8765;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address to listen on. Default: 127.0.0.1 (this machine only).")
    private String host = "127.0.0.1";

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port takes a port from 0 (any free one) to 65535, got "
                    + port);
        }
        EventLog log = new EventLog();
        Playground playground = new Playground(log);
        DashboardServer server;
        try {
            server = new DashboardServer(host, port, log, playground::control, playground::start);
        } catch (BindException e) {
            throw new IllegalArgumentException("The dashboard cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); choose another --port, or 0 for any free one");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Dashboard: " + server.url() + " (open it in a browser; press Enter here to stop it)");
        out.flush();
        String line = new BufferedReader(new InputStreamReader(parent.in(), StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            // No terminal to press Enter in: serve until the process is stopped.
            Thread.currentThread().join();
        }
        server.close();
        return 0;
    }
}
