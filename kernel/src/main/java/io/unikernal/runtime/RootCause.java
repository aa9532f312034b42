package io.unikernal.runtime;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The innermost cause of a failure that says something: what a wrapper's message hides, e.g. {@code role "x" does
 * not exist} under Spring's {@code Failed to obtain JDBC Connection}, or {@code relation "x" does not exist} under
 * {@code bad SQL grammar []}. For operators only (dead-letter records, logs): never sent to a caller.
 */
public final class RootCause {

    private RootCause() {
    }

    /** The message of the innermost cause with one, on one line and masked; null when there is none. */
    public static String message(Throwable failure) {
        String found = null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                found = t.getMessage();
            }
        }
        return found == null ? null : SecretMasker.mask(found.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
