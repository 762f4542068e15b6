package org.nn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nn4j.dashboard.DashboardServer;
import org.nn4j.dashboard.EventLog;
import org.nn4j.dashboard.LiveRun;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Table;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.nn.Network;
import org.nn4j.predict.DecisionPlane;

/** {@code nn4j train --ui}: the dashboard server and the live run it shows, started and closed with the run. */
final class Dashboard {

    private final DashboardServer server;
    private final LiveRun live;
    private final PrintWriter out;

    private Dashboard(DashboardServer server, LiveRun live, PrintWriter out) {
        this.server = server;
        this.live = live;
        this.out = out;
    }

    static Dashboard start(String host, int port, Network network, Preprocessing prep, Table table, int[] rows,
            int samples, BooleanSupplier ctrlC, PrintWriter out) {
        EventLog log = new EventLog();
        LiveRun live = new LiveRun(log, network, DecisionPlane.of(network, prep, table, rows), samples, ctrlC);
        try {
            DashboardServer server = new DashboardServer(host, port, log, live::control, null);
            out.println("Dashboard: " + server.url() + " (open it in a browser)");
            out.flush();
            return new Dashboard(server, live, out);
        } catch (BindException e) {
            throw new IllegalArgumentException("The dashboard cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); choose another --ui-port, or 0 for any free one");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LiveRun live() {
        return live;
    }

    /**
     * Shows the end of the run on the page, keeps the page up until a line (or the end) of standard input, then
     * stops the server.
     */
    void finish(List<Diagnosis> diagnoses, String state, String message, InputStream in) {
        live.finished(state, message, diagnoses);
        out.println();
        out.println("The dashboard stays open at " + server.url() + "; press Enter to close it.");
        out.flush();
        try {
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // Standard input is gone: close the dashboard.
        }
        server.close();
    }

    /** Closes at once, after telling the page why. */
    void close(List<Diagnosis> diagnoses, String state, String message) {
        live.finished(state, message, diagnoses);
        server.close();
    }
}
