package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcCheckpoints#advance(Connection, String, String, String)} moves a checkpoint inside the caller's
 * transaction on the machine's PostgreSQL: it lands with the commit, vanishes with a rollback, and stays a
 * compare-and-set.
 */
class JdbcCheckpointsInTransactionTest {

    private final HikariDataSource pool = new HikariDataSource();
    private final JdbcCheckpoints store = new JdbcCheckpoints();

    JdbcCheckpointsInTransactionTest() throws Exception {
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        pool.setUsername("postgres");
        store.setDataSource(pool);
        store.setNamespace("tx-test-" + UUID.randomUUID());
        store.start();
    }

    @AfterEach
    void close() {
        store.remove("f");
        pool.close();
    }

    @Test
    void theCheckpointLandsWithTheCommitAndNotWithARollback() throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(store.advance(connection, "f", null, "10")).isTrue();
            assertThat(store.position("f")).as("not committed yet: other connections do not see it").isEmpty();
            connection.rollback();
            assertThat(store.position("f")).isEmpty();
            assertThat(store.advance(connection, "f", null, "10")).isTrue();
            connection.commit();
            assertThat(store.position("f")).contains("10");
            assertThat(store.advance(connection, "f", "9", "20")).as("not from a position it is not at").isFalse();
            assertThat(store.advance(connection, "f", null, "20")).as("nor from none").isFalse();
            connection.rollback();
            assertThat(store.advance(connection, "f", "10", "20")).isTrue();
            connection.commit();
            assertThat(store.position("f")).contains("20");
        }
    }
}
