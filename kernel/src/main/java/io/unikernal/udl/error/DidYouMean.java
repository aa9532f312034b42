package io.unikernal.udl.error;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name a misspelt one most likely meant (Damerau–Levenshtein, optimal string alignment, at most 2). */
public final class DidYouMean {

    private static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    public static Optional<String> closest(String typed, Collection<String> known) {
        if (typed == null) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            int limit = Math.min(MAX_DISTANCE, Math.max(1, candidate.length() / 2));
            if (d <= limit && d < bestDistance && !candidate.equals(typed)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The text {@code " — did you mean 'x'?"}, or empty. */
    public static String suffix(String typed, Collection<String> known) {
        return closest(typed, known).map(s -> " — did you mean '" + s + "'?").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
