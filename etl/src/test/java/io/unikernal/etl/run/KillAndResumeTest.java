package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A pipeline's JVM killed with SIGKILL at seeded random points while it loads a file, restarted each time, then run
 * to the end: the table has every good row exactly once and the reject file every bad row exactly once. The kills
 * are of three kinds, drawn by the seed: the child kills itself with SIGKILL halfway through the n-th batch's COPY
 * data ({@code -Dunikernal.etl.killAt=pg-copy:n}), or after the n-th batch's COPY and merge, before its checkpoint
 * and commit ({@code pg-merged:n}), or the test kills it when the table passes a random row count (wherever the load
 * is: reading, COPYing, merging or committing).
 * {@code -Dunikernal.etl.kills=N} (default 3; 10 with the Maven profile {@code etl-long}) sets the number of
 * kills, {@code -Dunikernal.etl.seed} the seed (printed on failure).
 */
class KillAndResumeTest extends PostgresTest {

    private static final int ROWS = 60_000;
    /** Every BAD_EVERY-th row has an id that is no integer. */
    private static final int BAD_EVERY = 997;

    @Test
    void aPipelineKilledAnywhereResumesWithNoRowMissingAndNoneTwice() throws Exception {
        int kills = Integer.getInteger("unikernal.etl.kills", 3);
        long seed = Long.getLong("unikernal.etl.seed", System.nanoTime());
        Random random = new Random(seed);
        // no primary key: a row loaded twice would show as a duplicate, not as an error
        String table = pg.table("etl_kill", "id bigint, name text, amount numeric(12,2)");
        Path csv = dir.resolve("people.csv");
        long good = writeFile(csv);
        Path udl = dir.resolve("app.udl");
        Files.writeString(udl, Pg.udlSystems(pg.app("etlkill")) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: people.csv}\n"
                + "    target: {system: db, table: " + table + "}\n"
                + "    batch: {rows: 250}\n    rejects: {path: rejects.jsonl, threshold: 1000}\n");
        long[] points = LongStream.generate(() -> 1 + (long) (random.nextDouble() * (good - 1))).limit(kills)
                .sorted().toArray();
        List<String> log = new java.util.ArrayList<>();
        for (long point : points) {
            int kind = random.nextInt(3);
            if (kind < 2) {
                // the child kills itself inside the n-th batch's COPY, or after its COPY and merge, before the
                // checkpoint and the commit
                String at = (kind == 0 ? "pg-copy:" : "pg-merged:") + (1 + random.nextInt(ROWS / 250 / (kills + 1)));
                long before = pg.count("SELECT count(*) FROM " + table);
                int exit = ChildPipeline.start(udl, "load", dir, "-Dunikernal.etl.killAt=" + at).waitFor();
                log.add(at + " exit " + exit + " at " + before + " rows");
                assertThat(exit).as("seed %d: %s should have killed the child", seed, at).isEqualTo(137);
                continue;
            }
            Process child = start(udl);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !child.isAlive() || pg.count("SELECT count(*) FROM " + table) >= point);
            boolean alive = child.isAlive();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client
            child.waitFor();
            log.add("outside at " + point + " rows (the child was " + (alive ? "loading" : "done already") + ", "
                    + pg.count("SELECT count(*) FROM " + table) + " rows after)");
        }
        System.out.println("kills (seed " + seed + "): " + log);
        Process last = start(udl);
        assertThat(last.waitFor()).as("seed %d, kills %s", seed, log).isZero();

        List<List<String>> stats = pg.rows("SELECT count(*), count(DISTINCT id), sum(id) FROM " + table);
        long sum = LongStream.rangeClosed(1, ROWS).filter(id -> id % BAD_EVERY != 0).sum();
        assertThat(stats.get(0)).as("seed %d, kills %s", seed, log)
                .containsExactly(String.valueOf(good), String.valueOf(good), String.valueOf(sum));
        List<String> rejects = Files.readAllLines(dir.resolve("rejects.jsonl"));
        Set<String> positions = new HashSet<>();
        rejects.forEach(r -> positions.add(r.replaceAll(".*\"position\":\"([^\"]+)\".*", "$1")));
        assertThat(rejects).as("seed %d", seed).hasSize(ROWS / BAD_EVERY);
        assertThat(positions).hasSize(ROWS / BAD_EVERY);
    }

    /** Rows 1..ROWS, a quoted name with a comma; every BAD_EVERY-th id is not a number. Returns the good rows. */
    private static long writeFile(Path csv) throws Exception {
        long good = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,name,amount\n");
            for (int id = 1; id <= ROWS; id++) {
                boolean bad = id % BAD_EVERY == 0;
                out.write((bad ? "x" + id : String.valueOf(id)) + ",\"name " + id + ", the " + id + "th\","
                        + (id % 1000) + "." + (id % 100) + "\n");
                good += bad ? 0 : 1;
            }
        }
        return good;
    }

    private Process start(Path udl) throws Exception {
        return ChildPipeline.start(udl, "load", dir);
    }
}
