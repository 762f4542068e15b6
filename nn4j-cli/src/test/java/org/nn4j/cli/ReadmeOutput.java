package org.nn4j.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a command's real output shows what the README shows after it. The README's output is a sample: the
 * lines it shows must appear in order in standard output (or anywhere in standard error), while a line that is
 * just {@code ...} stands for any lines, {@code ...} or {@code …} inside a line for any text, a duration
 * ({@code 3.46 s}, {@code 120 ms}) for any duration, and a leading {@code ^C} is the terminal's echo of Ctrl-C.
 * With typed input, a shown line ending in {@code ": "} plus a typed line is the typing, and a prompt printed
 * before a shown line may share its line.
 */
final class ReadmeOutput {

    private static final Pattern DURATION = Pattern.compile("[0-9][0-9.,]* (s|ms|µs)\\b");

    private ReadmeOutput() {
    }

    /** The first shown line that the output lacks, or null when it shows them all. */
    static String firstMissing(List<String> shown, String stdin, String out, String err) {
        List<String> typed = stdin.lines().toList();
        List<String> outLines = out.lines().map(String::stripTrailing).toList();
        List<String> errLines = err.lines().map(String::stripTrailing).toList();
        int next = 0;
        for (String raw : shown) {
            String line = raw.startsWith("^C") ? raw.substring(2) : raw;
            line = line.stripTrailing();
            if (line.isBlank() || line.strip().equals("...") || line.strip().equals("…")
                    || typed.stream().anyMatch(t -> raw.endsWith(": " + t))) {
                continue;
            }
            Pattern pattern = pattern(line, !stdin.isEmpty());
            int found = -1;
            for (int i = next; i < outLines.size() && found < 0; i++) {
                if (pattern.matcher(outLines.get(i)).matches()) {
                    found = i;
                }
            }
            if (found >= 0) {
                next = found + 1;
            } else if (errLines.stream().noneMatch(e -> pattern.matcher(e).matches())) {
                return raw;
            }
        }
        return null;
    }

    private static Pattern pattern(String line, boolean afterPrompt) {
        StringBuilder regex = new StringBuilder(afterPrompt ? ".*?" : "");
        String text = DURATION.matcher(line).replaceAll("\u0000");
        String[] parts = text.split("\\.\\.\\.|…", -1);
        for (int p = 0; p < parts.length; p++) {
            if (p > 0) {
                regex.append(".*");
            }
            String[] around = parts[p].split("\u0000", -1);
            for (int d = 0; d < around.length; d++) {
                if (d > 0) {
                    regex.append("[0-9][0-9.,]* (s|ms|µs)");
                }
                regex.append(Pattern.quote(around[d]));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
