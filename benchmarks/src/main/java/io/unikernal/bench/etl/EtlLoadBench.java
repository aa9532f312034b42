package io.unikernal.bench.etl;

import com.zaxxer.hikari.HikariDataSource;
import io.unikernal.etl.csv.CsvFile;
import io.unikernal.etl.csv.CsvRow;
import io.unikernal.etl.jdbc.JdbcTarget;
import io.unikernal.etl.run.PipelineApp;
import io.unikernal.etl.run.RunSummary;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV loads at the physical limit, same run, interleaved: a generated file of ROWS rows and 5 columns (a quoted name
 * with a comma, 0.1 % bad rows) into a PostgreSQL table with a primary key through a UDL pipeline (typed per row,
 * checkpointed, rejects to a file), vs {@code psql -c "\copy"} of the same file without the bad rows; the pipeline's
 * upsert mode over the loaded table; CSV into MariaDB by the JDBC target (multi-row statements), vs
 * {@code mariadb -e "LOAD DATA LOCAL INFILE"} of the clean file. Prints one line per run: rows/s, the JVM's CPU per
 * row (the client's; the database server's CPU is in neither figure) and the heap's peak during the run.
 *
 * <p>Arguments: rows (default 1000000), rounds (default 3), work directory.
 */
public final class EtlLoadBench {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String COLUMNS = "id bigint primary key, name varchar(60), amount numeric(12,2), "
            + "born date, active boolean";

    private EtlLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target/etl-bench"));
        Path file = dir.resolve("people.csv");
        Path clean = dir.resolve("people-clean.csv");
        long good = generate(file, clean, rows);
        System.out.printf(Locale.ROOT, "file: %d rows (%d good, %d bad), %.1f MB%n", rows, good, rows - good,
                Files.size(file) / 1e6);
        List<String> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String suffix = round + "_" + Long.toString(System.nanoTime(), 36);
            results.add(psqlCopy("etl_bench_copy_" + suffix, clean, good, round));
            results.add(pipeline("etl_bench_udl_" + suffix, dir, file, good, round));
            results.add(mariadbLoadData("etl_bench_ld_" + suffix, clean, good, round));
            results.add(mariadbTarget("etl_bench_my_" + suffix, file, good, round));
        }
        results.forEach(System.out::println);
    }

    /** Rows 1..n: id, "name n, the nth", amount, born, active; every 1000th amount is no number (0.1 % bad). */
    private static long generate(Path file, Path clean, int rows) throws Exception {
        long good = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                BufferedWriter cleanOut = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
            out.write("id,name,amount,born,active\n");
            cleanOut.write("id,name,amount,born,active\n");
            for (int id = 1; id <= rows; id++) {
                boolean bad = id % 1000 == 0;
                String line = id + ",\"name " + id + ", the " + id + "th\"," + (bad ? "x" + id : (id % 100000) + "."
                        + (id % 100)) + ",19" + (50 + id % 50) + "-0" + (1 + id % 9) + "-1" + (id % 9) + ","
                        + (id % 2 == 0) + "\n";
                out.write(line);
                if (!bad) {
                    cleanOut.write(line);
                    good++;
                }
            }
        }
        return good;
    }

    private static String pipeline(String table, Path dir, Path file, long good, int round) throws Exception {
        sql(PG, "postgres", "CREATE TABLE " + table + " (" + COLUMNS + ")");
        try {
            String app = "bench" + Long.toString(System.nanoTime(), 36);
            Path udl = dir.resolve(app + ".udl");
            Files.writeString(udl, "udl: 8\nname: " + app + "\nsystems:\n  db: {adapter: postgres, url: \"" + PG
                    + "\", user: postgres}\npipelines:\n"
                    + "  - name: load\n    source: {adapter: file, path: " + file.getFileName() + "}\n"
                    + "    target: {system: db, table: " + table + "}\n    batch: {rows: 50000, bytes: 16777216}\n"
                    + "    rejects: {path: " + app + ".rejects.jsonl, threshold: 100000}\n"
                    + "  - name: upsert\n    source: {adapter: file, path: " + file.getFileName() + "}\n"
                    + "    target: {system: db, table: " + table + ", mode: upsert, key: id}\n"
                    + "    batch: {rows: 50000, bytes: 16777216}\n"
                    + "    rejects: {path: " + app + ".upsert.jsonl, threshold: 100000}\n");
            UdlDocument doc = new UdlParser(Adapters.installed()).load(udl);
            StringBuilder line = new StringBuilder();
            try (PipelineApp app1 = PipelineApp.start(doc, dir)) {
                for (String pipeline : List.of("load", "upsert")) {
                    Measure m = Measure.start();
                    RunSummary summary = app1.run(pipeline, io.unikernal.etl.run.Progress.NONE);
                    line.append(m.line("round " + round + " UDL pipeline " + pipeline + " (insert"
                            .replace("insert", pipeline.equals("load") ? "insert into an empty table"
                                    : "upsert over the loaded rows") + ")", summary.written(), good)
                            + " rejected=" + summary.rejected()).append(pipeline.equals("load") ? "\n" : "");
                }
            }
            sql(PG, "postgres", "DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace LIKE '" + app + "/%'");
            return line.toString();
        } finally {
            sql(PG, "postgres", "DROP TABLE IF EXISTS " + table);
        }
    }

    private static String psqlCopy(String table, Path clean, long good, int round) throws Exception {
        sql(PG, "postgres", "CREATE TABLE " + table + " (" + COLUMNS + ")");
        try {
            return external("round " + round + " psql \\copy (clean file)", good, "psql", "-q", "-h", "127.0.0.1",
                    "-U", "postgres", "-d", "test", "-c", "\\copy " + table + " FROM '" + clean.toAbsolutePath()
                            + "' WITH (FORMAT csv, HEADER true)");
        } finally {
            sql(PG, "postgres", "DROP TABLE IF EXISTS " + table);
        }
    }

    private static String mariadbLoadData(String table, Path clean, long good, int round) throws Exception {
        sql(MARIADB, "root", "CREATE TABLE " + table + " (" + COLUMNS + ")");
        try {
            return external("round " + round + " mariadb LOAD DATA LOCAL INFILE (clean file)", good, "mariadb",
                    "--local-infile=1", "-h", "127.0.0.1", "-u", "root", "test", "-e", "LOAD DATA LOCAL INFILE '"
                            + clean.toAbsolutePath() + "' INTO TABLE " + table + " FIELDS TERMINATED BY ','"
                            + " OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES (id, name, amount, born, @active)"
                            + " SET active = (@active = 'true')");
        } finally {
            sql(MARIADB, "root", "DROP TABLE IF EXISTS " + table);
        }
    }

    /** The CSV reader and the JDBC target, batches of 10000 rows, each committed with a checkpoint. */
    private static String mariadbTarget(String table, Path file, long good, int round) throws Exception {
        sql(MARIADB, "root", "CREATE TABLE " + table + " (" + COLUMNS + ")");
        String namespace = "bench" + Long.toString(System.nanoTime(), 36) + "/load";
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(MARIADB);
            pool.setUsername("root");
            Measure m = Measure.start();
            long written = 0;
            long rejected = 0;
            try (CsvFile csv = CsvFile.open(file); JdbcTarget target = new JdbcTarget(pool, table, List.of(),
                    namespace)) {
                target.open(csv.header().stream().map(Field::text).toList());
                String committed = null;
                for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                    try {
                        target.add(row.fields().toArray());
                    } catch (BadValue e) {
                        rejected++;
                    }
                    if (target.bufferedRecords() == 10_000) {
                        written += target.commit("file", committed, String.valueOf(row.index()));
                        committed = String.valueOf(row.index());
                    }
                }
                written += target.commit("file", committed, "done");
            }
            sql(MARIADB, "root", "DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace = '" + namespace + "'");
            return m.line("round " + round + " CSV -> MariaDB JDBC target (multi-row statements)", written, good)
                    + " rejected=" + rejected;
        } finally {
            sql(MARIADB, "root", "DROP TABLE IF EXISTS " + table);
        }
    }

    private static String external(String what, long rows, String... command) throws Exception {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu %U %S"));
        timed.addAll(List.of(command));
        Process p = new ProcessBuilder(timed).redirectErrorStream(true).start();
        long t0 = System.nanoTime();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(what + " failed: " + out);
        }
        String[] cpu = out.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse("cpu 0 0").split(" ");
        double cpuSeconds = Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2]);
        return String.format(Locale.ROOT, "%-70s %8.0f rows/s  %6.2f s  client CPU %6.0f ns/row", what, rows / seconds,
                seconds, cpuSeconds * 1e9 / rows);
    }

    private static void sql(String url, String user, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Wall time, this JVM's CPU time and the heap's peak (the sum of the heap pools' peaks, reset at start). */
    private record Measure(long wall, long cpu) {
        static Measure start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            return new Measure(System.nanoTime(), cpuNanos());
        }

        static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        String line(String what, long written, long expected) {
            double seconds = (System.nanoTime() - wall) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            if (written != expected) {
                throw new IllegalStateException(what + ": wrote " + written + " rows, not " + expected);
            }
            return String.format(Locale.ROOT, "%-70s %8.0f rows/s  %6.2f s  JVM CPU %6.0f ns/row  heap peak %4d MB",
                    what, written / seconds, seconds, (cpuNanos() - cpu) / (double) written, peak >> 20);
        }
    }
}
