package io.unikernal.etl.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.unikernal.etl.kafka.KafkaTarget;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.etl.spi.SourceRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The child JVM of {@link DatabaseKillAndResumeTest}: copies a PostgreSQL table into a table of another database
 * through {@link TableSource} and {@link JdbcTarget}, a batch of {@code rows} source records at a time, each committed
 * with the source's position, resuming from the committed one. (The pipelines' runner drives sources and targets the
 * same way; this loop keeps the proof to the source and the target.)
 *
 * <p>Arguments: source table, target database ({@link Db} name, or {@code kafka:<bootstrap>}), target table (topic), checkpoint namespace, directory (for
 * SQLite's file), batch rows.
 */
public final class TransferChild {

    private TransferChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean kafka = args[1].startsWith("kafka:");
        Db target = kafka ? Db.POSTGRESQL : Db.valueOf(args[1]);
        Path dir = Path.of(args[4]);
        int rows = Integer.parseInt(args[5]);
        String checkpoint = "table:" + args[0];
        long rejected = 0;
        try (HikariDataSource sourcePool = Db.POSTGRESQL.pool(dir); HikariDataSource targetPool = target.pool(dir);
                TableSource source = new TableSource(sourcePool, args[0], null, "id", null, 1000, false,
                        Duration.ZERO);
                RecordTarget into = kafka ? new KafkaTarget(args[1].substring(6), args[2], "id", args[3])
                        : new JdbcTarget(targetPool, args[2], List.of(), args[3])) {
            String committed = (into instanceof KafkaTarget k ? k.checkpoints() : ((JdbcTarget) into).checkpoints())
                    .position(checkpoint).orElse(null);
            source.resume(committed);
            into.open(source.fields());
            int sinceCommit = 0;
            for (SourceRecord record = source.next(); record != null; record = source.next()) {
                try {
                    into.add(record.values());
                } catch (BadValue e) {
                    rejected++;
                }
                if (++sinceCommit == rows) {
                    into.commit(checkpoint, committed, source.position());
                    committed = source.position();
                    sinceCommit = 0;
                }
            }
            if (!Objects.equals(committed, source.position())) {
                into.commit(checkpoint, committed, source.position());
            }
        }
        System.out.println("done rejected=" + rejected);
        System.exit(0);
    }
}
