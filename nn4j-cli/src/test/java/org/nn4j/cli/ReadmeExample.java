package org.nn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shell command shown in {@code README.md}, with the output the README shows after it and what the README
 * test must do to run it. The README's convention:
 *
 * <ul>
 *   <li>In a fenced block without a language, every line that starts with {@code $ } is a command, and the lines
 *       after it, up to the next command, are its output.</li>
 *   <li>An HTML comment on the line before the block, {@code <!-- README test: ... -->}, says how to run the
 *       block's commands: {@code skip} (with the reason), {@code stdin "1\n0\n"} (typed input; {@code \n} is a line
 *       break), {@code exit 2} or {@code exit 0,130} (exit codes, one for all or one per command, default 0),
 *       {@code interrupt after "TEXT"} (Ctrl-C once TEXT is printed, to the commands that are to exit 130), and {@code with "NEW" for "OLD"} (the
 *       replacement the README's own text announces, to keep a long example short in the test).</li>
 * </ul>
 */
record ReadmeExample(int line, String command, List<String> output, String stdin, int exitCode, String interruptAfter,
        String replace, String replacement) {

    private static final Pattern MARKER = Pattern.compile("<!-- README test: (.*) -->");

    /** The command to run, with the announced replacement made. */
    String commandToRun() {
        return replace == null ? command : command.replace(replace, replacement);
    }

    /** The output to expect, with the announced replacement made. */
    List<String> expectedOutput() {
        return replace == null ? output : output.stream().map(l -> l.replace(replace, replacement)).toList();
    }

    /** Every command of the README that its test runs, in the README's order. */
    static List<ReadmeExample> parse(List<String> readme) {
        List<ReadmeExample> examples = new ArrayList<>();
        String marker = "";
        for (int i = 0; i < readme.size(); i++) {
            String text = readme.get(i);
            Matcher m = MARKER.matcher(text.trim());
            if (m.matches()) {
                marker = m.group(1);
                continue;
            }
            if (!text.strip().startsWith("```")) {
                if (!text.isBlank()) {
                    marker = "";
                }
                continue;
            }
            // A block inside a list item is indented as deep as its fence.
            int indent = text.indexOf('`');
            int end = i + 1;
            while (end < readme.size() && !readme.get(end).strip().startsWith("```")) {
                end++;
            }
            // Blocks with a language (```java) are code, not shell.
            if (text.strip().equals("```") && !marker.startsWith("skip")) {
                List<String> block = readme.subList(i + 1, end).stream()
                        .map(l -> l.substring(Math.min(indent, l.length() - l.stripLeading().length()))).toList();
                addBlock(examples, block, i + 1, marker);
            }
            marker = "";
            i = end;
        }
        return examples;
    }

    private static void addBlock(List<ReadmeExample> examples, List<String> block, int firstLine, String marker) {
        String stdin = quoted(marker, "stdin");
        String interrupt = quoted(marker, "interrupt after");
        Matcher replace = Pattern.compile("with \"([^\"]*)\" for \"([^\"]*)\"").matcher(marker);
        boolean replaces = replace.find();
        Matcher exit = Pattern.compile("exit ([0-9,]+)").matcher(marker);
        String[] exitCodes = exit.find() ? exit.group(1).split(",") : new String[] {"0"};
        int index = 0;
        for (int i = 0; i < block.size(); i++) {
            if (!block.get(i).startsWith("$ ")) {
                continue;
            }
            int next = i + 1;
            while (next < block.size() && !block.get(next).startsWith("$ ")) {
                next++;
            }
            int exitCode = Integer.parseInt(exitCodes[Math.min(index++, exitCodes.length - 1)]);
            examples.add(new ReadmeExample(firstLine + i + 1, block.get(i).substring(2),
                    List.copyOf(block.subList(i + 1, next)),
                    stdin == null ? "" : stdin.replace("\\n", "\n"), exitCode, exitCode == 130 ? interrupt : null,
                    replaces ? replace.group(2) : null, replaces ? replace.group(1) : null));
            i = next - 1;
        }
    }

    private static String quoted(String marker, String key) {
        Matcher m = Pattern.compile(Pattern.quote(key) + " \"([^\"]*)\"").matcher(marker);
        return m.find() ? m.group(1) : null;
    }
}
