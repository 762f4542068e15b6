package org.nn4j.cli;

import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) asks the training run to stop after its current mini-batch instead of killing the
 * process, so that it can save a checkpoint; a second Ctrl-C quits at once. Closing restores the JVM's own
 * handling. Where the signal cannot be caught (e.g. with {@code -Xrs}), nothing changes.
 */
final class CtrlC implements AutoCloseable {

    private final SignalHandler previous;
    private volatile boolean requested;

    private CtrlC(PrintWriter err) {
        SignalHandler installed;
        try {
            installed = Signal.handle(new Signal("INT"), signal -> {
                if (requested) {
                    err.println("nn4j: stopped at once, without a checkpoint");
                    err.flush();
                    Runtime.getRuntime().halt(Nn4j.INTERRUPTED);
                }
                requested = true;
                err.println("nn4j: stopping after this mini-batch to save a checkpoint (Ctrl-C again to quit at once)");
                err.flush();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            installed = null;
        }
        this.previous = installed;
    }

    /** Catches Ctrl-C until closed. */
    static CtrlC catchUntilClosed(PrintWriter err) {
        return new CtrlC(err);
    }

    /** True once Ctrl-C was pressed. */
    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(new Signal("INT"), previous);
        }
    }
}
