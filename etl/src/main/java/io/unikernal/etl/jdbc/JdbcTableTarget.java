package io.unikernal.etl.jdbc;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The bean a mariadb, sqlite or jdbc target compiles to: opens a {@link JdbcTarget} per run. */
public final class JdbcTableTarget implements RecordTarget.Factory {

    private DataSource dataSource;
    private JdbcCheckpoints checkpoints;
    private String system;
    private String table;
    private String mode = "insert";
    private String key;
    private volatile boolean started;

    @Override
    public RecordTarget create() throws IOException {
        checkpoints();
        return new JdbcTarget(dataSource, table, TableKeys.keyColumns(mode, key), checkpoints);
    }

    @Override
    public CheckpointStore checkpoints() {
        if (!started) {
            try {
                checkpoints.start();
                started = true;
            } catch (SQLException e) {
                throw new IllegalStateException(new PipelineException(describe() + ": cannot create the checkpoint"
                        + " table: " + e.getMessage()));
            }
        }
        return checkpoints;
    }

    @Override
    public String describe() {
        return "table " + table + " of " + system;
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
}
