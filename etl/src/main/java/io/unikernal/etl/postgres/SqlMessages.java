package io.unikernal.etl.postgres;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The database's own words for a failure (its message and detail), never a Java exception's text. */
public final class SqlMessages {

    private SqlMessages() {
    }

    public static String of(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String detail = server.getDetail();
            return server.getMessage() + (detail == null ? "" : " (" + detail + ")");
        }
        return "the database refused the statement (SQLState " + e.getSQLState() + ")";
    }
}
