package io.unikernal.adapter.core;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/** The adapter contract suite for seda. */
class SedaContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new QueueFixture("seda");
    }
}
