package org.nn4j.cli;

import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) and SIGTERM (what {@code kill}, systemd, Kubernetes and batch schedulers send to end
 * a process) ask the training run to stop after its current mini-batch instead of killing the process, so that it
 * can save a checkpoint; a second signal quits at once. The run then exits with 128 + the signal's number (130
 * after SIGINT, 143 after SIGTERM), as a process ended by that signal does, so that whatever sent it sees the
 * usual code. Closing restores the JVM's own handling. Where a signal cannot be caught (e.g. with {@code -Xrs}),
 * nothing changes for it.
 */
final class CtrlC implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
    private volatile String received;

    private CtrlC(PrintWriter err) {
        for (int i = 0; i < SIGNALS.length; i++) {
            String name = SIGNALS[i];
            try {
                previous[i] = Signal.handle(new Signal(name), signal -> {
                    if (received != null) {
                        err.println("nn4j: stopped at once, without a checkpoint");
                        err.flush();
                        Runtime.getRuntime().halt(exitCode(name));
                    }
                    received = name;
                    err.println("nn4j: " + (name.equals("INT") ? "" : "SIGTERM: ") + "stopping after this mini-batch"
                            + " to save a checkpoint (" + (name.equals("INT") ? "Ctrl-C" : "a signal") + " again to"
                            + " quit at once)");
                    err.flush();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                previous[i] = null;
            }
        }
    }

    /** Catches Ctrl-C and SIGTERM until closed. */
    static CtrlC catchUntilClosed(PrintWriter err) {
        return new CtrlC(err);
    }

    /** True once Ctrl-C was pressed or SIGTERM arrived. */
    boolean requested() {
        return received != null;
    }

    /** The exit code for the signal that stopped the run: 130 for SIGINT, 143 for SIGTERM. */
    int exitCode() {
        return received == null ? Nn4j.INTERRUPTED : exitCode(received);
    }

    private static int exitCode(String signal) {
        return signal.equals("TERM") ? Nn4j.TERMINATED : Nn4j.INTERRUPTED;
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            if (previous[i] != null) {
                Signal.handle(new Signal(SIGNALS[i]), previous[i]);
            }
        }
    }
}
