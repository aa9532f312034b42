package io.unikernal.adapter.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code insert into table (columns) values (...)} statement as the database's own upsert, built at compile time
 * from the declared statement and key (never from a message): a row whose key exists is updated with the other
 * columns' new values.
 * <ul>
 * <li>PostgreSQL and SQLite: {@code ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c} ({@code DO NOTHING} when
 * every column is the key);</li>
 * <li>MariaDB/MySQL: {@code ... ON DUPLICATE KEY UPDATE c = VALUES(c)} — MariaDB takes any unique key of the table,
 * the declared key only says which columns are not updated;</li>
 * <li>H2: {@code MERGE INTO table (columns) KEY (key) VALUES (...)}.</li>
 * </ul>
 */
public final class Upsert {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern INSERT = Pattern.compile("(?is)^\\s*insert\\s+into\\s+(" + NAME + "(?:\\." + NAME
            + ")?)\\s*\\(([^)]*)\\)\\s*(values\\s*\\(.*\\))\\s*$");

    /** Why a statement cannot be made an upsert: the problem's message at the option's position. */
    public static final class NotAnUpsert extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean ofKey;

        NotAnUpsert(String message, boolean ofKey) {
            super(message, null, false, false);
            this.ofKey = ofKey;
        }

        /** True when the key is wrong, false when the statement is. */
        boolean ofKey() {
            return ofKey;
        }
    }

    private Upsert() {
    }

    /**
     * The upsert of {@code insert} in {@code dialect}; {@code key}: comma-separated key columns, or {@code null} for
     * the first column of the insert.
     */
    public static String of(String insert, String key, SqlDialect dialect) throws NotAnUpsert {
        Matcher m = INSERT.matcher(insert);
        if (!m.matches()) {
            throw new NotAnUpsert("mode upsert needs a statement 'insert into <table> (<columns>) values (...)'",
                    false);
        }
        String table = m.group(1);
        List<String> columns = names(m.group(2));
        if (columns.isEmpty() || !columns.stream().allMatch(c -> c.matches(NAME))) {
            throw new NotAnUpsert("mode upsert needs the insert's columns as plain names, e.g. (id, amount)", false);
        }
        List<String> keys = key == null ? List.of(columns.get(0)) : names(key);
        for (String k : keys) {
            if (columns.stream().noneMatch(c -> c.equalsIgnoreCase(k))) {
                throw new NotAnUpsert("key column '" + k + "' is not one of the insert's columns " + columns, true);
            }
        }
        List<String> updated = columns.stream().filter(c -> keys.stream().noneMatch(c::equalsIgnoreCase)).toList();
        String values = m.group(3);
        String head = "insert into " + table + " (" + String.join(", ", columns) + ") ";
        return switch (dialect) {
            case POSTGRESQL, SQLITE -> head + values + " on conflict (" + String.join(", ", keys) + ") do "
                    + (updated.isEmpty() ? "nothing" : "update set " + assignments(updated, "excluded.%s"));
            case MARIADB -> head + values + " on duplicate key update " + (updated.isEmpty()
                    ? keys.get(0) + " = " + keys.get(0) : assignments(updated, "values(%s)"));
            case H2 -> "merge into " + table + " (" + String.join(", ", columns) + ") key (" + String.join(", ", keys)
                    + ") " + values;
            case OTHER -> throw new NotAnUpsert("mode upsert needs to know the database, and the url names none known"
                    + " here (h2, postgresql, mariadb, mysql, sqlite)", false);
        };
    }

    private static String assignments(List<String> columns, String value) {
        List<String> set = new ArrayList<>();
        for (String c : columns) {
            set.add(c + " = " + String.format(Locale.ROOT, value, c));
        }
        return String.join(", ", set);
    }

    private static List<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
