package io.unikernal.etl.jdbc;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineTargetKind;
import io.unikernal.etl.kinds.TableKeys;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.UdlKey;
import java.util.List;

/**
 * A table of a mariadb, sqlite or jdbc (H2 by default) system as a pipeline's target ({@link JdbcTarget}): batches of
 * prepared statements — multi-row on MariaDB — each committed with its checkpoint in the same database. One kind per
 * adapter, all alike.
 */
public abstract class DatabaseTargetKind implements PipelineTargetKind {

    private final String adapter;
    private final String how;

    DatabaseTargetKind(String adapter, String how) {
        this.adapter = adapter;
        this.how = how;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public String description() {
        return "a table, written by " + how + " (insert or upsert), each batch committed with its checkpoint in the"
                + " same transaction";
    }

    @Override
    public List<UdlKey> keys() {
        return List.of(TableKeys.TABLE.key(), TableKeys.MODE.key(), TableKeys.KEY.key());
    }

    @Override
    public void check(PipelineEnd target, SectionChecks checks) {
        TableKeys.checkUpsert(target, checks);
    }

    @Override
    public String compile(PipelineEnd target, SectionCompilation compilation) {
        return TableTargets.compile(target, compilation, JdbcTableTarget.class);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TableKeys.UPSERT_WITHOUT_KEY);
    }

    /** MariaDB/MySQL. */
    public static final class MariaDb extends DatabaseTargetKind {
        public MariaDb() {
            super("mariadb", "multi-row INSERT statements of up to 1000 rows");
        }
    }

    /** SQLite. */
    public static final class Sqlite extends DatabaseTargetKind {
        public Sqlite() {
            super("sqlite", "a JDBC batch of prepared statements");
        }
    }

    /** jdbc: H2 embedded by default, or any database the jdbc adapter's URL names. */
    public static final class Jdbc extends DatabaseTargetKind {
        public Jdbc() {
            super("jdbc", "a JDBC batch of prepared statements");
        }
    }
}
