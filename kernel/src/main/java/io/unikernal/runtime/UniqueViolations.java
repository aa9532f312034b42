package io.unikernal.runtime;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unique-constraint violation at a target database is the caller's conflict, not a platform failure: the message
 * tried to create what already exists. Recognised by SQLState anywhere in the failure's cause chain, so it holds for
 * every JDBC target and driver: 23505 (the standard's unique violation: PostgreSQL, H2) and 23000 with the
 * duplicate-entry codes of MariaDB and MySQL; SQLite's driver sends no SQLState, so its
 * duplicate is told by its result code at the start of the message (it names the columns, not the value). The
 * conflict names the key and its value as the database reported them.
 */
public final class UniqueViolations {

    private static final Set<Integer> DUPLICATE_ENTRY_CODES = Set.of(1062, 1586);
    private static final int MAX_VALUE_LENGTH = 100;

    /** PostgreSQL's detail: {@code Key (id)=(o-1) already exists.} */
    private static final Pattern POSTGRES = Pattern.compile("Key \\((.+?)\\)=\\((.*?)\\) already exists");
    /** H2: {@code "PUBLIC.PRIMARY_KEY_8 ON PUBLIC.ORDERS(ID) VALUES ( /* 1 *}{@code / 'o-1' )"}. */
    private static final Pattern H2 = Pattern.compile(" ON [^\\s(]+\\(([^)]+)\\) VALUES \\( /\\* \\d+ \\*/ (.*?) \\)\"");
    /** MariaDB / MySQL: {@code Duplicate entry 'o-1' for key 'PRIMARY'}. */
    private static final Pattern MARIADB = Pattern.compile("Duplicate entry '(.*?)' for key '(.+?)'");
    /** SQLite (no SQLState, no value): {@code [SQLITE_CONSTRAINT_PRIMARYKEY] ... (UNIQUE constraint failed: t.id)}. */
    private static final Pattern SQLITE = Pattern.compile("UNIQUE constraint failed: ([^)]+)\\)");
    /** SQLite's extended result codes of a duplicate, at the start of its driver's message. */
    private static final List<String> SQLITE_DUPLICATE = List.of("[SQLITE_CONSTRAINT_PRIMARYKEY]",
            "[SQLITE_CONSTRAINT_UNIQUE]");
    /** PostgreSQL's message without its detail: {@code ... violates unique constraint "orders_pkey"}. */
    private static final Pattern CONSTRAINT = Pattern.compile("unique constraint \"(.+?)\"");

    private UniqueViolations() {
    }

    /** The caller's conflict (409) when the failure is a unique violation, with the failure as its cause; or null. */
    public static MessageRejectedException conflict(Throwable failure) {
        SQLException violation = violation(failure);
        if (violation == null) {
            return null;
        }
        MessageRejectedException conflict = new MessageRejectedException(409, describe(violation), List.of());
        conflict.initCause(failure);
        return conflict;
    }

    /** The unique violation in the failure's cause chain, or null. */
    static SQLException violation(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (isUniqueViolation(e)) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || ("23000".equals(state) && DUPLICATE_ENTRY_CODES.contains(e.getErrorCode()))
                || (state == null && e.getMessage() != null
                        && SQLITE_DUPLICATE.stream().anyMatch(e.getMessage()::startsWith));
    }

    /** What the caller is told: the key and its value as the database reported them (masked, shortened). */
    static String describe(SQLException violation) {
        String text = String.valueOf(violation.getMessage());
        Matcher m = POSTGRES.matcher(text);
        if (m.find()) {
            return keyExists(m.group(1), m.group(2));
        }
        m = H2.matcher(text);
        if (m.find()) {
            return keyExists(m.group(1), unquote(m.group(2)));
        }
        m = MARIADB.matcher(text);
        if (m.find()) {
            return keyExists("key " + m.group(2), m.group(1));
        }
        m = SQLITE.matcher(text);
        if (m.find()) {
            String columns = java.util.Arrays.stream(m.group(1).split(",\\s*"))
                    .map(c -> c.substring(c.indexOf('.') + 1)).collect(java.util.stream.Collectors.joining(", "));
            return SecretMasker.mask("a record with the same " + columns + " already exists");
        }
        m = CONSTRAINT.matcher(text);
        return "a record with the same key already exists"
                + (m.find() ? " (unique constraint " + SecretMasker.mask(m.group(1)) + ")" : "");
    }

    private static String keyExists(String key, String value) {
        String shown = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
        return SecretMasker.mask("a record with " + key + " " + shown + " already exists");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1).replace("''", "'") : value;
    }
}
