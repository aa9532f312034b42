package io.unikernal.etl.postgres;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The bean a postgres target compiles to: a table of a postgres system's pool, its checkpoints in that database
 * ({@code UNIKERNAL_CHECKPOINT}) so a batch and its checkpoint commit in one transaction.
 */
public final class PostgresTarget implements RecordTarget.Factory {

    private DataSource dataSource;
    private JdbcCheckpoints checkpoints;
    private String system;
    private String table;
    private String mode = "insert";
    private String key;
    private volatile boolean started;

    @Override
    public RecordTarget create() throws IOException {
        startCheckpoints();
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            return new PostgresRecordTarget(connection, checkpoints, table, TableKeys.keyColumns(mode, key),
                    describe());
        } catch (SQLException e) {
            throw new PipelineException(describe() + ": " + SqlMessages.of(e));
        }
    }

    @Override
    public CheckpointStore checkpoints() {
        startCheckpoints();
        return checkpoints;
    }

    /** The store's table is made on first use (the bean may be built where no route starts). */
    private void startCheckpoints() {
        if (started) {
            return;
        }
        try {
            checkpoints.start();
            started = true;
        } catch (SQLException e) {
            throw new IllegalStateException(new PipelineException(describe() + ": " + SqlMessages.of(e)));
        }
    }

    @Override
    public String describe() {
        return table;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setCheckpoints(JdbcCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    public void setSystem(String system) {
        this.system = system;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getSystem() {
        return system;
    }
}
