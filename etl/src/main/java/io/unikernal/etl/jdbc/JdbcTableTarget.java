package io.unikernal.etl.jdbc;

import io.unikernal.etl.spi.RecordTarget;
import java.io.IOException;

/** The bean a mariadb, sqlite or jdbc target compiles to: opens a {@link JdbcTarget} per run. */
public final class JdbcTableTarget extends TableTargetFactory {

    @Override
    public RecordTarget create() throws IOException {
        return new JdbcTarget(dataSource(), table(), keyColumns(), jdbcCheckpoints());
    }

    @Override
    public String describe() {
        return "table " + table() + " of " + getSystem();
    }
}
