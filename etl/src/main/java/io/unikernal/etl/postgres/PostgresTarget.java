package io.unikernal.etl.postgres;

import io.unikernal.etl.jdbc.TableTargetFactory;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The bean a postgres target compiles to: a table of a postgres system's pool, its checkpoints in that database
 * ({@code UNIKERNAL_CHECKPOINT}) so a batch and its checkpoint commit in one transaction.
 */
public final class PostgresTarget extends TableTargetFactory {

    @Override
    public RecordTarget create() throws IOException {
        jdbcCheckpoints();
        try {
            Connection connection = dataSource().getConnection();
            connection.setAutoCommit(false);
            return new PostgresRecordTarget(connection, jdbcCheckpoints(), table(), keyColumns(), describe());
        } catch (SQLException e) {
            throw new PipelineException(describe() + ": " + SqlMessages.of(e));
        }
    }

    @Override
    public String describe() {
        return table();
    }
}
