package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processed keys of a route in a jdbc/postgres system, against the machine's PostgreSQL and an embedded H2:
 * copies of one message arriving at once are one new key and duplicates — never an error.
 */
class JdbcProcessedKeysTest {

    private static final int CALLERS = 20;

    private final String namespace = "test/" + UUID.randomUUID();
    private HikariDataSource dataSource;

    @AfterEach
    void dropKeys() throws Exception {
        if (dataSource != null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("delete from CAMEL_MESSAGEPROCESSED where processorName = '" + namespace + "'");
            }
            dataSource.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/postgres", "jdbc:h2:mem:keys;DATABASE_TO_LOWER=TRUE"})
    void copiesArrivingAtOnceAreOneNewKeyAndDuplicatesNeverAnError(String url) throws Exception {
        JdbcProcessedKeys keys = repository(url);
        CyclicBarrier together = new CyclicBarrier(CALLERS);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Boolean>> added = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Callable<Boolean> add = () -> {
                    together.await();
                    return keys.add("order-1");
                };
                added.add(callers.submit(add));
            }
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : added) {
                outcomes.add(f.get()); // an exception here is the defect: a duplicate taken for a failure
            }
            assertThat(outcomes).containsOnlyOnce(true).hasSize(CALLERS);
        } finally {
            callers.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/postgres", "jdbc:h2:mem:keys;DATABASE_TO_LOWER=TRUE"})
    void aKeyIsInFlightUntilConfirmedAndForgottenWhenRemoved(String url) throws Exception {
        JdbcProcessedKeys keys = repository(url);
        List<Object> seen = new ArrayList<>();
        seen.add(keys.add("a"));
        seen.add(keys.isDone("a"));
        seen.add(keys.add("a"));
        keys.confirm("a");
        seen.add(keys.isDone("a"));
        seen.add(keys.add("a"));
        seen.add(keys.add("b"));
        keys.remove("b");
        seen.add(keys.contains("b"));
        seen.add(keys.add("b"));
        assertThat(seen).containsExactly(true, false, false, true, false, true, false, true);
    }

    /** A copy arriving after the original's lease ran out (the original crashed) takes the message over. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/postgres", "jdbc:h2:mem:keys;DATABASE_TO_LOWER=TRUE"})
    void anInFlightMarkWhoseLeaseRanOutIsTakenOver(String url) throws Exception {
        JdbcProcessedKeys keys = repository(url);
        assertThat(keys.add("crashed")).isTrue();
        sql("update CAMEL_MESSAGEPROCESSED set inFlightUntil = ? where processorName = ? and messageId = 'crashed'",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), namespace);
        assertThat(keys.add("crashed")).isTrue();
        assertThat(keys.add("crashed")).isFalse();
    }

    /** Rows written by Camel's own repository (no lease column value) are processed messages. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/postgres", "jdbc:h2:mem:keys;DATABASE_TO_LOWER=TRUE"})
    void aRowWithoutLeaseIsDone(String url) throws Exception {
        JdbcProcessedKeys keys = repository(url);
        sql("insert into CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) values (?, 'old', ?)",
                namespace, java.sql.Timestamp.from(java.time.Instant.now()));
        assertThat(keys.add("old")).isFalse();
        assertThat(keys.isDone("old")).isTrue();
    }

    /** A table Camel's own repository created (no lease column) gains the column and keeps its rows. */
    @org.junit.jupiter.api.Test
    void aTableCamelCreatedGainsTheLeaseColumn() throws Exception {
        String url = "jdbc:h2:mem:camel-made-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE";
        try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("create table CAMEL_MESSAGEPROCESSED (processorName varchar(255), messageId varchar(100), "
                    + "createdAt timestamp, primary key (processorName, messageId))");
            s.execute("insert into CAMEL_MESSAGEPROCESSED values ('" + namespace + "', 'old', current_timestamp)");
            JdbcProcessedKeys keys = repository(url);
            assertThat(keys.add("old")).isFalse();
            assertThat(keys.isDone("old")).isTrue();
            assertThat(keys.add("new")).isTrue();
            assertThat(keys.isDone("new")).isFalse();
        }
    }

    private void sql(String statement, Object... values) throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private JdbcProcessedKeys repository(String url) throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(url.contains("h2") ? "sa" : "postgres");
        dataSource.setMaximumPoolSize(CALLERS);
        JdbcProcessedKeys keys = new JdbcProcessedKeys();
        keys.setDataSource(dataSource);
        keys.setNamespace(namespace);
        keys.start();
        return keys;
    }
}
