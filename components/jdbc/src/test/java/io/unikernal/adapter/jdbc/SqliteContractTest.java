package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import java.nio.file.Path;
import java.util.Map;
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

    static Database file(Path workDir) {
        String url = "jdbc:sqlite:" + workDir.resolve("contract-" + UUID.randomUUID() + ".db");
        return new Database() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String system() {
                return "{adapter: sqlite, url: \"" + url + "\"}";
            }

            @Override
            public Map<String, String> driverProperties() {
                return JdbcDatabase.SQLITE.driverProperties();
            }
        };
    }
}
