package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;
import java.util.UUID;

/**
 * The adapter contract suite for postgres: the machine's PostgreSQL (a table per case, keys in their own
 * namespaces), and a private PostgreSQL for the restart cases.
 */
class PostgresContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        String database = "uk_no_db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new DatabaseFixture("postgres", workDir -> PostgresDatabases.machine(),
                workDir -> PostgresDatabases.launch(),
                "{adapter: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/" + database + "\"}",
                "database \"" + database + "\" does not exist");
    }
}
