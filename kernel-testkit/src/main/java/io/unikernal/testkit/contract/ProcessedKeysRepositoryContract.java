package io.unikernal.testkit.contract;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The processed-keys contract for a store that belongs to no adapter (the in-memory store of {@code unikernal
 * test}): extend it and say how to open the store. Adapters' key stores run the same checks in
 * {@link AdapterContract}.
 */
public abstract class ProcessedKeysRepositoryContract {

    /** A store for one check; closed after it. */
    protected abstract ProcessedKeysStore store() throws Exception;

    @TestFactory
    List<DynamicTest> processedKeysContract() {
        return ProcessedKeysContract.checks(this::store);
    }
}
