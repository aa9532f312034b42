package io.unikernal.adapter.jdbc;

import io.unikernal.runtime.health.AbstractSystemProbe;
import io.unikernal.runtime.health.ProbeResult;
import java.sql.SQLException;

/**
 * The probe of a jdbc or postgres system: a connection of its own to the database ({@link UdlDataSource#check()}),
 * which also starts the pool and runs the init SQL the first time it succeeds.
 */
public class JdbcProbe extends AbstractSystemProbe {

    private UdlDataSource dataSource;

    public void setDataSource(UdlDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ProbeResult check() {
        try {
            dataSource.check();
            return ProbeResult.up();
        } catch (SQLException e) {
            return JdbcFailures.classify(e);
        }
    }
}
