package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/** The adapter contract suite for jdbc: embedded in-memory H2, and an H2 TCP server for the restart cases. */
class JdbcContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new DatabaseFixture("jdbc", workDir -> H2Databases.inMemory(), H2Databases::server,
                "{adapter: jdbc, url: \"jdbc:h2:tcp://no-such-host.invalid/contract\"}",
                "unknown host no-such-host.invalid");
    }
}
