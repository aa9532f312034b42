package io.unikernal.etl.postgres;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.etl.spi.BadValue;
import io.unikernal.etl.spi.Field;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A run's writes into one PostgreSQL table, on one connection: records typed by the columns, buffered as COPY data,
 * and each batch COPYed, merged and committed together with the checkpoint ({@link PostgresLoad}).
 */
final class PostgresRecordTarget implements RecordTarget {

    private final Connection connection;
    private final JdbcCheckpoints checkpoints;
    private final String table;
    private final List<String> key;
    private final String description;
    private final CopyBuffer buffer = new CopyBuffer();
    private TableMapping mapping;
    private PostgresLoad load;
    private long sequence;

    PostgresRecordTarget(Connection connection, JdbcCheckpoints checkpoints, String table, List<String> key,
            String description) {
        this.connection = connection;
        this.checkpoints = checkpoints;
        this.table = table;
        this.key = key;
        this.description = description;
    }

    @Override
    public void open(List<Field> fields) throws IOException {
        try {
            mapping = TableMapping.of(fields, PostgresLoad.columns(connection, table), key, table);
            load = PostgresLoad.open(connection, table, mapping.columns(), mapping.key());
        } catch (SQLException e) {
            throw new PipelineException(table + ": " + SqlMessages.of(e));
        }
    }

    @Override
    public void add(Object[] values) throws BadValue {
        buffer.add(mapping.convert(values), sequence++);
    }

    @Override
    public int bufferedRecords() {
        return buffer.rows();
    }

    @Override
    public long bufferedBytes() {
        return buffer.size();
    }

    @Override
    public long commit(String name, String expected, String next) throws IOException {
        try {
            long merged = load == null ? 0 : load.load(buffer);
            if (!checkpoints.advance(connection, name, expected, next)) {
                connection.rollback();
                throw new CheckpointMoved("another run moved checkpoint " + name);
            }
            connection.commit();
            buffer.clear();
            return merged;
        } catch (SQLException e) {
            rollback();
            throw new PipelineException(SqlMessages.of(e));
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: closing it below discards the transaction as well
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        try (Connection c = connection) {
            if (load != null) {
                load.close();
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new PipelineException(table + ": " + SqlMessages.of(e));
        }
    }
}
