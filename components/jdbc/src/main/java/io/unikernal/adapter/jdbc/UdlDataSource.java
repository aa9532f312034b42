package io.unikernal.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The pooled DataSource of a jdbc system (HikariCP). {@link #initialize()} runs the system's init SQL once at
 * start-up — statements separated by semicolons at line ends — so a fresh embedded database has its tables.
 */
public class UdlDataSource extends HikariDataSource {

    private String initSql;

    public void setInitSql(String initSql) {
        this.initSql = initSql;
    }

    public String getInitSql() {
        return initSql;
    }

    /** Called by Camel after the properties are set (the bean's init method). */
    public void initialize() throws SQLException {
        if (initSql == null || initSql.isBlank()) {
            return;
        }
        try (Connection connection = getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : initSql.split(";\\s*(\\r?\\n|$)")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new SQLException("the init SQL of " + getPoolName() + " failed: " + e.getMessage(), e);
        }
    }
}
