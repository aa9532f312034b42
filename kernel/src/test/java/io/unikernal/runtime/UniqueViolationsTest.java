package io.unikernal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/**
 * Unique violations are told apart by SQLState and named by their key. PostgreSQL and H2 are driven for real in the
 * cli's JdbcAdapterFeatureTest; MariaDB's exception is built here with the SQLState, vendor code and message its
 * driver gives for a duplicate entry (no MariaDB driver in the build).
 */
class UniqueViolationsTest {

    @Test
    void mariaDbsDuplicateEntryIsAConflictNamingTheKey() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException(
                "(conn=12) Duplicate entry 'o-1' for key 'PRIMARY'", "23000", 1062);
        MessageRejectedException conflict = UniqueViolations.conflict(
                new RuntimeException("PreparedStatementCallback; SQL [insert ...]", duplicate));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.getMessage()).isEqualTo("a record with key PRIMARY o-1 already exists");
        assertThat(conflict.getCause().getCause()).isSameAs(duplicate);
    }

    /** As xerial sqlite-jdbc says it (seen in the jdbc module's UpsertAndBatchTest): no SQLState, code 19. */
    @Test
    void sqlitesConstraintFailureIsAConflictNamingTheColumns() {
        SQLException duplicate = new SQLException("[SQLITE_CONSTRAINT_PRIMARYKEY] A PRIMARY KEY constraint failed "
                + "(UNIQUE constraint failed: orders.id)", null, 19);
        assertThat(UniqueViolations.conflict(duplicate).getMessage()).isEqualTo(
                "a record with the same id already exists");
        assertThat(UniqueViolations.conflict(new SQLException("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed "
                + "(UNIQUE constraint failed: t.a, t.b)", null, 19)).getMessage()).isEqualTo(
                "a record with the same a, b already exists");
        assertThat(UniqueViolations.conflict(new SQLException("[SQLITE_CONSTRAINT_NOTNULL] A NOT NULL constraint "
                + "failed (NOT NULL constraint failed: t.qty)", null, 19))).isNull();
    }

    @Test
    void otherIntegrityFailuresAreNotConflicts() {
        // MariaDB gives 23000 for a null in a NOT NULL column too (code 1048): that is not a duplicate
        assertThat(UniqueViolations.conflict(new SQLIntegrityConstraintViolationException(
                "Column 'qty' cannot be null", "23000", 1048))).isNull();
        assertThat(UniqueViolations.conflict(new IllegalStateException("no SQL here"))).isNull();
    }
}
