package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/**
 * The adapter contract suite for postgres: the machine's PostgreSQL (a table per case, keys in their own
 * namespaces), and a private PostgreSQL for the restart cases.
 */
class PostgresContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new DatabaseFixture("postgres", workDir -> PostgresDatabases.machine(),
                workDir -> PostgresDatabases.launch());
    }
}
