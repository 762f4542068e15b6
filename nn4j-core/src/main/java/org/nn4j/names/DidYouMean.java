package org.nn4j.names;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a mistyped one was most likely meant to be, for errors such as {@code Unknown optimizer 'adma'
 * (did you mean 'adam'?)}. Names are compared ignoring case by their Damerau-Levenshtein distance (optimal string
 * alignment: insertions, deletions, substitutions and swaps of two neighbours each count 1), so that {@code trian}
 * is one step from {@code train}. A name that starts a single known name ({@code val_acc} of {@code val_accuracy})
 * is a match too.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * The known name closest to {@code given}, when it is close enough to be a likely typo: none but case for names
     * of one or two characters, at most one edit up to 5 characters, two up to 8, three beyond. Ties go to the name
     * that comes first in {@code known}.
     */
    public static Optional<String> closest(String given, Collection<String> known) {
        String typed = given.strip().toLowerCase(Locale.ROOT);
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        // In a name of one or two characters one edit changes half of it: only a change of case is a match.
        int allowed = typed.length() <= 2 ? 0 : typed.length() <= 5 ? 1 : typed.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(typed, name.toLowerCase(Locale.ROOT));
            if (d <= allowed && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        if (best == null && typed.length() >= 3) {
            // A start of a longer name: only when it starts exactly one, so that it is not a guess.
            var starting = known.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(typed)).toList();
            if (starting.size() == 1) {
                best = starting.get(0);
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'adam'?)"} for a close match, else the empty string: to go in an error message. */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known).map(name -> " (did you mean '" + name + "'?)").orElse("");
    }

    /** The optimal-string-alignment distance between two strings, case included. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
