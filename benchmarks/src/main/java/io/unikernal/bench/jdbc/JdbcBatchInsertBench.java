package io.unikernal.bench.jdbc;

import static io.unikernal.bench.support.BenchSupport.measure;

import io.unikernal.bench.support.BenchSupport;
import io.unikernal.bench.support.BenchSupport.Measured;
import io.unikernal.runtime.UdlRuntime;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;

/**
 * 100k rows into a real database, in batches of the same size on both sides, with the same JDBC URL (so the same
 * driver and the same flags: {@code reWriteBatchedInserts=true} for PostgreSQL; for MariaDB whatever URL is given,
 * Connector/J's bulk protocol by default):
 *
 * <ul>
 *   <li><b>raw</b>: one connection from {@link DriverManager}, auto-commit off, one prepared insert, {@code addBatch}
 *       per row, {@code executeBatch} and {@code commit} every {@code BATCH} rows — the best a hand-written loop does
 *       with one connection;
 *   <li><b>udl</b>: {@code from: direct} → {@code to: {system: db, sql: insert ... (:#id, ...)}}, compiled by the
 *       unmodified compiler; one thread sends {@code ROWS / BATCH} messages, each a list of {@code BATCH} records,
 *       which the adapter writes as one JDBC batch in one transaction (its default {@code transaction: batch}).
 * </ul>
 *
 * Both take the same pre-built rows (a record per row: id, customer, amount, note), so neither side's time includes
 * making them. Each side has a table unique to the run, emptied ({@code truncate}) before each round, its row count
 * checked after it, dropped at the end; each side connects once (the app starts once, its pool full) before the
 * warm-up. {@code JdbcBatchInsertBench DATABASE URL USER PASSWORD ROWS BATCH ROUNDS}; A and B alternate,
 * raw first in odd rounds and UDL first in even ones.
 * Timed: the inserting alone (not connecting or starting the app); the CPU time is the whole bench JVM's in that time
 * (the database server's CPU is not in it).
 */
public final class JdbcBatchInsertBench {

    private JdbcBatchInsertBench() {
    }

    public static void main(String[] args) throws Exception {
        String adapter = args[0];
        String url = args[1];
        String user = args[2];
        String password = args.length > 3 ? args[3] : "";
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        if (rows % batch != 0) {
            throw new IllegalArgumentException("ROWS must be a multiple of BATCH");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println(BenchSupport.host());
        System.out.printf("database: %s at %s (its own server process); %d rows a run in batches of %d, %d rounds,"
                + " tables bench_<side>_%s%n", adapter, url, rows, batch, rounds, run);
        List<List<Map<String, Object>>> batches = batches(rows, batch);
        List<Measured> raw = new ArrayList<>();
        List<Measured> udl = new ArrayList<>();
        String rt = "bench_raw_" + run;
        String ut = "bench_udl_" + run;
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Connection rawConnection = DriverManager.getConnection(url, user, password)) {
            create(admin, rt);
            create(admin, ut);
            // both sides connect once, before any run: the app's pool is full and its start-up done before timing
            try (UdlRuntime app = BenchSupport.startUdl("bench-insert.udl.yaml", udl(adapter, url, user, password,
                    ut))) {
                ProducerTemplate template = app.context().createProducerTemplate();
                // warm-up of both (not counted): the JIT, the driver, the server's caches
                List<List<Map<String, Object>>> warm = batches.subList(0, Math.min(20, batches.size()));
                rawRun(rawConnection, rt, warm);
                udlRun(template, warm);
                for (int round = 1; round <= rounds; round++) {
                    empty(admin, rt);
                    empty(admin, ut);
                    // the side that runs second meets the server still writing back the first one's pages: swap
                    // the order every round so neither side always pays for the other
                    if (round % 2 == 1) {
                        raw.add(report(round, "raw", rows, rawRun(rawConnection, rt, batches)));
                        udl.add(report(round, "udl", rows, udlRun(template, batches)));
                    } else {
                        Measured b = report(round, "udl", rows, udlRun(template, batches));
                        raw.add(report(round, "raw", rows, rawRun(rawConnection, rt, batches)));
                        udl.add(b);
                    }
                    check(admin, rt, rows);
                    check(admin, ut, rows);
                }
                template.stop();
            } finally {
                drop(admin, rt);
                drop(admin, ut);
            }
        }
        summary(raw, udl, rows);
    }

    private static List<List<Map<String, Object>>> batches(int rows, int batch) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int start = 0; start < rows; start += batch) {
            List<Map<String, Object>> one = new ArrayList<>(batch);
            for (int i = start; i < start + batch; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", (long) i);
                row.put("customer", "c-" + (i % 997));
                row.put("amount", BigDecimal.valueOf(i % 100_000, 2));
                row.put("note", "order " + i + " from the batch-insert benchmark");
                one.add(row);
            }
            batches.add(one);
        }
        return batches;
    }

    private static final String INSERT = "insert into %s (id, customer, amount, note) values (?, ?, ?, ?)";

    /** The baseline: one connection, one prepared statement, a batch and a commit every {@code BATCH} rows. */
    static Measured rawRun(Connection connection, String table, List<List<Map<String, Object>>> batches)
            throws Exception {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT.formatted(table))) {
            return measure(() -> {
                for (List<Map<String, Object>> rows : batches) {
                    for (Map<String, Object> row : rows) {
                        insert.setObject(1, row.get("id"));
                        insert.setObject(2, row.get("customer"));
                        insert.setObject(3, row.get("amount"));
                        insert.setObject(4, row.get("note"));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            });
        }
    }

    static String udl(String adapter, String url, String user, String password, String table) {
        return """
                udl: 8
                name: bench-insert
                systems:
                  in: {adapter: direct, name: bench-insert}
                  db: {adapter: %s, url: "%s", user: "%s", password: "${env:BENCH_DB_PASSWORD:%s}"}
                routes:
                  - name: insert
                    from: in
                    steps:
                      - to: {system: db, sql: "insert into %s (id, customer, amount, note) values (:#id, :#customer, :#amount, :#note)"}
                """.formatted(adapter, url, user, password, table);
    }

    /** The UDL route, fed one batch (a list of records) per message by one thread. */
    static Measured udlRun(ProducerTemplate template, List<List<Map<String, Object>>> batches) throws Exception {
        return measure(() -> {
            for (List<Map<String, Object>> rows : batches) {
                template.requestBody("direct:bench-insert", rows);
            }
        });
    }

    private static void create(Connection admin, String table) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("create table " + table + " (id bigint primary key, customer varchar(40) not null,"
                    + " amount numeric(12,2) not null, note varchar(200))");
        }
    }

    private static void empty(Connection admin, String table) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("truncate table " + table);
        }
    }

    private static void drop(Connection admin, String table) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("drop table " + table);
        }
    }

    /** Every row is in the table: nothing was lost or written twice (the primary key refuses a second copy). */
    private static void check(Connection admin, String table, int rows) throws Exception {
        try (Statement s = admin.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            if (r.getLong(1) != rows) {
                throw new IllegalStateException("table " + table + " holds " + r.getLong(1) + " rows, not " + rows);
            }
        }
    }

    private static Measured report(int round, String side, int rows, Measured m) {
        System.out.printf("round %d %-3s %,10.0f rows/s  %6.2f µs CPU/row (bench JVM)  %6.2f s%n", round, side,
                m.rate(rows), m.cpuMicrosPer(rows), m.seconds());
        return m;
    }

    private static void summary(List<Measured> raw, List<Measured> udl, int rows) {
        System.out.println();
        System.out.println("| round | raw rows/s | raw µs CPU/row | UDL rows/s | UDL µs CPU/row | UDL/raw |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        double sum = 0;
        double min = Double.MAX_VALUE;
        for (int i = 0; i < raw.size(); i++) {
            Measured a = raw.get(i);
            Measured b = udl.get(i);
            double ratio = b.rate(rows) / a.rate(rows);
            sum += ratio;
            min = Math.min(min, ratio);
            System.out.printf("| %d | %,.0f | %.2f | %,.0f | %.2f | %.2f |%n", i + 1, a.rate(rows),
                    a.cpuMicrosPer(rows), b.rate(rows), b.cpuMicrosPer(rows), ratio);
        }
        double mean = sum / raw.size();
        double[] ratios = new double[raw.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = udl.get(i).rate(rows) / raw.get(i).rate(rows);
        }
        java.util.Arrays.sort(ratios);
        System.out.printf("%nUDL/raw: mean %.2f, median %.2f, lowest %.2f (goal >= 0.80: median %s, every round %s)%n",
                mean, ratios[ratios.length / 2], min, ratios[ratios.length / 2] >= 0.8 ? "met" : "NOT met",
                min >= 0.8 ? "met" : "NOT met");
    }
}
