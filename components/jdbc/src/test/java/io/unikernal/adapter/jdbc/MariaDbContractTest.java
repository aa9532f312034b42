package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import java.util.UUID;

/**
 * The adapter contract suite for mariadb: the machine's MariaDB (a table per case, keys in their own namespaces),
 * and a private MariaDB (its own mariadbd, port and data directory under target/) for the restart cases.
 */
class MariaDbContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        String database = "uk_no_db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new DatabaseFixture("mariadb", workDir -> MariaDbDatabases.machine(),
                workDir -> MariaDbDatabases.launch(),
                "{adapter: mariadb, url: \"jdbc:mariadb://127.0.0.1:3306/" + database + "\"}",
                "Unknown database '" + database + "'");
    }
}
