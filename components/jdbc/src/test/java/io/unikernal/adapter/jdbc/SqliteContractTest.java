package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The adapter contract suite for sqlite: a database file of the case's own under its folder in target/. SQLite has
 * no server, so the restart and start-up cases do not run ({@link JdbcProbeTest} checks its probe).
 */
class SqliteContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new DatabaseFixture("sqlite", SqliteContractTest::file, SqliteContractTest::file,
                "{adapter: sqlite, url: \"jdbc:sqlite:/no-such-folder/contract.db\"}", "SQLITE_CANTOPEN");
    }

    /** A database file of its own under {@code workDir}, with the sqlite adapter's driver properties. */
    static Database file(Path workDir) {
        String url = "jdbc:sqlite:" + workDir.resolve("contract-" + UUID.randomUUID() + ".db");
        return ((Database.Declared) Database.of(url, "", "{adapter: sqlite, url: \"" + url + "\"}"))
                .withDriverProperties(JdbcDatabase.SQLITE.driverProperties());
    }
}
