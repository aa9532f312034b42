package io.unikernal.testkit.contract;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.ContractCase;
import io.unikernal.spi.adapter.SourceRole;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter contract suite, modelled on Redpanda Connect's {@code integration.StreamTests}: an adapter module
 * extends this class once per adapter and returns its {@link AdapterFixture}. Every {@link ContractCase} becomes one
 * test; a case runs when {@link ContractCase#whyNot} finds nothing against it — from the capabilities the adapter's
 * roles declare, never its name, the same answer the reference doc lists — and is reported as skipped with that
 * reason otherwise.
 */
public abstract class AdapterContract {

    @TempDir
    Path workDir;

    /** How the suite meets this adapter's real peer. */
    protected abstract AdapterFixture fixture();

    @TestFactory
    Stream<DynamicNode> contract() {
        AdapterFixture fixture = fixture();
        Adapter adapter = Adapters.installed().get(fixture.adapter());
        if (adapter == null) {
            throw new AssertionError("adapter '" + fixture.adapter() + "' is not installed: is it listed in"
                    + " META-INF/services/" + Adapter.class.getName() + "?");
        }
        return Arrays.stream(ContractCase.values()).map(c -> node(c, adapter, fixture));
    }

    private DynamicNode node(ContractCase c, Adapter adapter, AdapterFixture fixture) {
        String name = c.role().words() + ": " + c.title();
        Optional<String> whyNot = c.whyNot(adapter);
        if (whyNot.isEmpty() && c == ContractCase.KEY_STORE_SEMANTICS) {
            return DynamicContainer.dynamicContainer(name,
                    ProcessedKeysContract.checks(() -> fixture.keyStore(workDir)));
        }
        return DynamicTest.dynamicTest(name, () -> {
            Assumptions.assumeTrue(whyNot.isEmpty(), () -> "does not apply: " + whyNot.orElse(""));
            run(c, adapter, fixture);
        });
    }

    @FunctionalInterface
    private interface Case {
        void run() throws Exception;
    }

    private void run(ContractCase c, Adapter adapter, AdapterFixture fixture) throws Exception {
        Set<Capability> source = adapter.source().map(SourceRole::capabilities).orElse(Set.of());
        SourceCases sources = new SourceCases(fixture, source, workDir);
        TargetCases targets = new TargetCases(fixture, workDir);
        KeyStoreCases keyStores = new KeyStoreCases(fixture, workDir);
        SystemCases systems = new SystemCases(fixture, adapter, workDir);
        // a switch expression: a case added to ContractCase does not compile until the suite implements it
        Case body = switch (c) {
            case SOURCE_OPEN_CLOSE -> sources::openClose;
            case SOURCE_EVERY_MESSAGE_ONCE -> sources::everyMessageOnce;
            case SOURCE_UDM_ROUND_TRIP -> sources::udmRoundTrip;
            case SOURCE_REPLY -> sources::reply;
            case SOURCE_KEEPS_MESSAGES_WHILE_STOPPED -> sources::keepsMessagesWhileStopped;
            case SOURCE_SERVER_RESTART -> sources::serverRestart;
            case TARGET_OPEN_CLOSE -> targets::openClose;
            case TARGET_EVERY_MESSAGE_ONCE -> targets::everyMessageOnce;
            case TARGET_UDM_ROUND_TRIP -> targets::udmRoundTrip;
            case TARGET_HEADER_FILTER -> targets::headerFilter;
            case TARGET_SERVER_RESTART -> targets::serverRestart;
            case KEY_STORE_DUPLICATES_SKIPPED -> keyStores::duplicatesSkipped;
            case KEY_STORE_SERVER_RESTART -> keyStores::serverRestart;
            // a container of checks, built in node()
            case KEY_STORE_SEMANTICS -> () -> {
                throw new IllegalStateException(c + " runs as its checks");
            };
            case BAD_ENDPOINT_FAILS_AT_START -> systems::badEndpointFailsAtStart;
            case DOWN_AT_START_RETRIED -> systems::downAtStartRetried;
        };
        body.run();
    }
}
