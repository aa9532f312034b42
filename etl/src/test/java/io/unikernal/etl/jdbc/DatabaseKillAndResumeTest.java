package io.unikernal.etl.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A load into MariaDB or SQLite killed with SIGKILL at seeded random points, restarted each time, then run to the
 * end: the target has every good source row exactly once. Each point is one of three kinds, drawn by the seed: the
 * child kills itself inside the n-th batch after its statements are bound and before any runs
 * ({@code jdbc-write}), after the n-th batch's rows and checkpoint are written and before the commit
 * ({@code jdbc-commit}), or the test kills it when the target passes a random row count (wherever the load is).
 * {@code -Dunikernal.etl.kills=N} (3 by default, 10 with {@code -Petl-long}) and {@code -Dunikernal.etl.seed}.
 */
class DatabaseKillAndResumeTest {

    private static final int ROWS = 20_000;
    private static final int BATCH = 200;
    /** Every BAD_EVERY-th row's amount is no number: rejected, never loaded. */
    private static final int BAD_EVERY = 499;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"MARIADB", "SQLITE"})
    void aLoadKilledAnywhereResumesWithNoRowMissingAndNoneTwice(Db db) throws Exception {
        int kills = Integer.getInteger("unikernal.etl.kills", 3);
        long seed = Long.getLong("unikernal.etl.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Db.Tables source = new Db.Tables(Db.POSTGRESQL.pool(dir)); Db.Tables target = new Db.Tables(db.pool(dir))) {
            String from = source.create("etl_kill_src", "id bigint primary key, name text, amount text");
            source.execute("INSERT INTO " + from + " SELECT i, 'name ' || i || ', the ' || i || 'th', CASE WHEN i % "
                    + BAD_EVERY + " = 0 THEN 'x' || i ELSE (i % 1000) || '.' || (i % 100) END"
                    + " FROM generate_series(1, " + ROWS + ") i");
            // no primary key: a row loaded twice shows as a duplicate, not as an error
            String into = target.create("etl_kill_tgt", "id bigint, name varchar(40), amount decimal(10,2)");
            String namespace = target.namespace("etlkill");
            List<String> log = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                int kind = random.nextInt(3);
                int batch = 1 + random.nextInt(ROWS / BATCH / (kills + 1));
                long count = count(target, into);
                if (kind < 2) {
                    String point = (kind == 0 ? "jdbc-write:" : "jdbc-commit:") + batch;
                    Process child = start(db, from, into, namespace, "-Dunikernal.etl.killAt=" + point);
                    int exit = child.waitFor();
                    log.add(point + " exit " + exit + " at " + count + " rows");
                    assertThat(exit).as("seed %d: %s should have killed the child", seed, point).isEqualTo(137);
                } else {
                    long rows = count + 1 + random.nextInt(ROWS / (kills + 1));
                    Process child = start(db, from, into, namespace);
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                            .until(() -> !child.isAlive() || count(target, into) >= rows);
                    child.destroyForcibly();
                    log.add("outside at " + rows + " rows: exit " + child.waitFor());
                }
            }
            Process last = start(db, from, into, namespace);
            assertThat(last.waitFor()).as("seed %d, %s", seed, log).isZero();
            long good = ROWS - ROWS / BAD_EVERY;
            long sum = LongStream.rangeClosed(1, ROWS).filter(id -> id % BAD_EVERY != 0).sum();
            assertThat(target.rows("SELECT count(*), count(DISTINCT id), sum(id) FROM " + into).get(0))
                    .as("seed %d, %s", seed, log)
                    .containsExactly(String.valueOf(good), String.valueOf(good), String.valueOf(sum));
            System.out.println(db + " kills (seed " + seed + "): " + log);
        }
    }

    private static long count(Db.Tables target, String table) throws Exception {
        return Long.parseLong(target.rows("SELECT count(*) FROM " + table).get(0).get(0));
    }

    private Process start(Db db, String from, String into, String namespace, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TransferChild.class.getName(), from,
                db.name(), into, namespace, dir.toString(), String.valueOf(BATCH)));
        File err = dir.resolve("child-" + System.nanoTime() + ".err").toFile();
        return new ProcessBuilder(command).redirectError(err).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
