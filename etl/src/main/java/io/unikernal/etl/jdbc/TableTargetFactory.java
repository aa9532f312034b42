package io.unikernal.etl.jdbc;

import io.unikernal.adapter.jdbc.JdbcCheckpoints;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.etl.spi.PipelineException;
import io.unikernal.etl.spi.RecordTarget;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the bean of every database target holds ({@link DatabaseTargetKind}): the system's pool, the checkpoint
 * store in the same database ({@code UNIKERNAL_CHECKPOINT}, its table made on first use: the bean may be built where
 * no route starts), the table and the mode. Subclasses open their kind of writer.
 */
public abstract class TableTargetFactory implements RecordTarget.Factory {

    private DataSource dataSource;
    private JdbcCheckpoints checkpoints;
    private String system;
    private String table;
    private String mode = "insert";
    private String key;
    private volatile boolean started;

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

    /** The store, started. */
    protected JdbcCheckpoints jdbcCheckpoints() {
        checkpoints();
        return checkpoints;
    }

    protected DataSource dataSource() {
        return dataSource;
    }

    protected String table() {
        return table;
    }

    /** The key columns of an upsert; empty for an insert. */
    protected List<String> keyColumns() {
        return TableKeys.keyColumns(mode, key);
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

    public String getSystem() {
        return system;
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
