package io.unikernal.adapter.nats;

import java.util.List;

/**
 * NATS subjects: tokens separated by '.', where a subscriber may write {@code *} for one token and {@code >} for the
 * rest. What a subject may be, for the option declarations, and which subjects a pattern covers, for the check that a
 * stream captures the subject a system uses.
 */
final class Subjects {

    /** A subject or a pattern: tokens of printable characters other than '.', with '*' and '>' as whole tokens. */
    static final String REGEX = "([^.\\s*>]+|\\*)(\\.([^.\\s*>]+|\\*))*(\\.>)?|>";
    static final String RULE = "a NATS subject such as orders.created: tokens separated by '.', no spaces; '*' (one"
            + " token) and '>' (the rest, last) only as whole tokens";

    private Subjects() {
    }

    /** True when the subject holds a wildcard token: only a subscriber may use it. */
    static boolean hasWildcard(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return true;
            }
        }
        return false;
    }

    /** True when every subject {@code subject} matches is also matched by one of {@code patterns}. */
    static boolean coveredBy(String subject, List<String> patterns) {
        return patterns.stream().anyMatch(pattern -> covers(pattern, subject));
    }

    /** True when {@code pattern} matches every subject {@code subject} (itself perhaps a pattern) matches. */
    static boolean covers(String pattern, String subject) {
        String[] wide = pattern.split("\\.", -1);
        String[] narrow = subject.split("\\.", -1);
        for (int i = 0; i < wide.length; i++) {
            if (wide[i].equals(">")) {
                return narrow.length > i;
            }
            if (i >= narrow.length || narrow[i].equals(">")) {
                return false;
            }
            if (!wide[i].equals("*") && !wide[i].equals(narrow[i])) {
                return false;
            }
        }
        return wide.length == narrow.length;
    }
}
