package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the processed keys of a jdbc/postgres system do beyond the semantics every store shares (those are the
 * contract's: {@link JdbcContractTest}, {@link PostgresContractTest}): they live in Camel's own table, whose rows and
 * layout from Camel's repository keep working — against the machine's PostgreSQL and an embedded H2.
 */
class JdbcProcessedKeysTest {

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
        JdbcProcessedKeys keys = new JdbcProcessedKeys();
        keys.setDataSource(dataSource);
        keys.setNamespace(namespace);
        keys.start();
        return keys;
    }
}
