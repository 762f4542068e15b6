package org.nn4j.cli;

/** Entry point of the {@code nn4j} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Pictures are drawn off screen; a terminal session may have no display at all.
        System.setProperty("java.awt.headless", "true");
        System.exit(Nn4j.run(args, System.in, System.out, System.err));
    }
}
