package io.unikernal.etl.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The machine's PostgreSQL (127.0.0.1:5432, database test, trust): tables unique per test run, dropped after. */
final class Pg implements AutoCloseable {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final List<String> tables = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();

    /** A new table of this name's prefix with these column definitions. */
    String table(String prefix, String columns) throws SQLException {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        execute("CREATE TABLE " + name + " (" + columns + ")");
        tables.add(name);
        return name;
    }

    /** An app name unique to this run, whose checkpoints are removed after. */
    String app(String prefix) {
        String name = prefix + Long.toString(System.nanoTime(), 36);
        namespaces.add(name);
        return name;
    }

    static String udlSystems(String app) {
        return "udl: 8\nname: " + app + "\nsystems:\n  db: {adapter: postgres, url: \"" + URL + "\", user: postgres}\n";
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "");
    }

    @Override
    public void close() throws SQLException {
        for (String table : tables) {
            execute("DROP TABLE IF EXISTS " + table);
        }
        for (String namespace : namespaces) {
            execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + namespace + "/%'");
        }
    }
}
