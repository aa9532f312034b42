package io.unikernal.adapter.core;

import io.unikernal.testkit.contract.AdapterContract;
import io.unikernal.testkit.contract.AdapterFixture;

/** The adapter contract suite for file. */
class FileContractTest extends AdapterContract {

    @Override
    protected AdapterFixture fixture() {
        return new FileFixture();
    }
}
