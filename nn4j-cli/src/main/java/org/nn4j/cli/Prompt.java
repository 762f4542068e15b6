package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Locale;
import org.nn4j.data.BoundedLines;
import org.nn4j.data.NumberText;
import org.nn4j.nn.Network;

/**
 * The tutorial's interactive prompt for any network: asks {@code Input a: }, {@code Input b: } … one number at a
 * time and prints {@code Prediction: 0.9871}. All inputs may also be typed on one line ({@code 0 1} or
 * {@code 0,1}) at the first prompt. A non-numeric entry gets the tutorial's message and a fresh start;
 * {@code quit} (or {@code exit}) or the end of input ends the prompt. Works the same with piped input. Numbers are
 * read as in CSV files ({@link NumberText}); a line longer than {@value #MAX_LINE_CHARS} characters ends the prompt
 * with an error instead of filling memory.
 */
final class Prompt {

    static final String INVALID = "Invalid input. Please enter a numeric value.";

    /**
     * What either prompt says when the output overflows (NaN or infinity, from inputs far outside the training
     * data or a crafted file): someone typing gets an explanation and a fresh start, not the end of the session.
     */
    static final String NO_PREDICTION = "No prediction for these inputs: the model's output overflows double"
            + " precision (NaN or infinity). Try values nearer the training data.";

    /** The longest line either prompt reads: far more than any row of numbers someone types or pipes in. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Network network;
    private final BoundedLines in;
    private final PrintWriter out;

    Prompt(Network network, Reader in, PrintWriter out) {
        this.network = network;
        this.in = lines(in);
        this.out = out;
    }

    /** What is typed, line by line, bounded. */
    static BoundedLines lines(Reader in) {
        return new BoundedLines(in, MAX_LINE_CHARS, "standard input");
    }

    /** Runs until {@code quit} or the end of input. */
    void run() throws IOException {
        int n = network.inputs();
        while (true) {
            double[] sample = new double[n];
            boolean complete = true;
            for (int i = 0; i < n; i++) {
                out.print("Input " + label(i) + ": ");
                out.flush();
                String line = in.next();
                if (line == null) {
                    out.println();
                    out.flush();
                    return;
                }
                String entry = line.trim();
                if (isQuit(entry)) {
                    return;
                }
                String[] tokens = entry.split("[\\s,;]+");
                if (i == 0 && n > 1 && tokens.length > 1) {
                    double[] values = new double[tokens.length];
                    for (int k = 0; k < tokens.length && complete; k++) {
                        complete = parse(tokens[k], values, k);
                    }
                    if (!complete) {
                        out.println(INVALID);
                    } else if (tokens.length != n) {
                        out.println("Expected " + n + " numbers on one line, got " + tokens.length + ".");
                        complete = false;
                    } else {
                        System.arraycopy(values, 0, sample, 0, n);
                    }
                    break;
                }
                if (tokens.length != 1 || !parse(tokens[0], sample, i)) {
                    out.println(INVALID);
                    complete = false;
                    break;
                }
            }
            if (complete) {
                double[] outputs = network.predict(sample);
                out.println(allFinite(outputs) ? "Prediction: " + format(outputs) : NO_PREDICTION);
            }
            out.flush();
        }
    }

    /** False when an output overflowed to NaN or infinity: no prediction to print (either prompt). */
    static boolean allFinite(double[] outputs) {
        for (double output : outputs) {
            if (!Double.isFinite(output)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parse(String token, double[] sample, int index) {
        if (!NumberText.isNumber(token)) {
            return false;
        }
        sample[index] = NumberText.parse(token);
        return true;
    }

    /** quit, exit or q, in any case: what ends both prompts. */
    static boolean isQuit(String entry) {
        String word = entry.toLowerCase(Locale.ROOT);
        return word.equals("quit") || word.equals("exit") || word.equals("q");
    }

    /** Inputs are lettered as in the tutorial, a to z, then numbered. */
    static String label(int index) {
        return index < 26 ? String.valueOf((char) ('a' + index)) : Integer.toString(index + 1);
    }

    static String format(double[] outputs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < outputs.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", outputs[i]));
        }
        return sb.toString();
    }
}
