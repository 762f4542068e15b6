package org.nn4j.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from files on its way to a terminal. Names, labels and records inside a model, checkpoint or CSV file are
 * printed back (in summaries, prompts and error messages), and a hostile file could hide terminal commands in them:
 * escape sequences that set the window title, clear the screen, recolour or rewrite what was printed, or write to
 * the clipboard, and line breaks that forge a second message. Control characters are therefore shown as
 * {@code \u001b}-style escapes: nn4j itself prints none but line ends and tabs.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} as one line: every control character, line breaks included, shown as an escape. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        appendEscaped(sb, text, 0, text.length(), false);
        return sb.toString();
    }

    /** A writer that passes line ends and tabs through and shows every other control character as an escape. */
    static Writer printable(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                write(String.valueOf((char) c), 0, 1);
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                write(new String(chars, offset, length), 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                StringBuilder sb = new StringBuilder(length);
                appendEscaped(sb, text, offset, offset + length, true);
                out.write(sb.toString());
            }
        };
    }

    private static void appendEscaped(StringBuilder sb, String text, int from, int to, boolean keepLineEnds) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || c == '\r' || c == '\t';
            if (needsEscape(c) && !(keepLineEnds && lineEnd)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }

    /** C0 and C1 controls and DEL, and the Unicode line and paragraph separators, which also break lines. */
    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
