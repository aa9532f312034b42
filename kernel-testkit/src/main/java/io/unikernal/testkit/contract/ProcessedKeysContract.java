package io.unikernal.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.idempotency.InFlightDuplicateCheck;
import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.runtime.policy.PolicyRejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * What every store of processed keys must do ({@link ProcessedKeysRepository}'s semantics), written once and run by
 * every store: the key stores of adapters as the contract case
 * {@link io.unikernal.spi.adapter.ContractCase#KEY_STORE_SEMANTICS}, the in-memory store of {@code unikernal test}
 * through {@link ProcessedKeysRepositoryContract}. Each check opens the store, uses fresh namespaces, and clears them
 * afterwards (the machine's servers outlive the run).
 */
public final class ProcessedKeysContract {

    /** Callers that add one key at the same moment. */
    static final int CALLERS = 20;

    private final ProcessedKeysStore store;
    private final List<ProcessedKeysRepository> opened = new ArrayList<>();

    private ProcessedKeysContract(ProcessedKeysStore store) {
        this.store = store;
    }

    /** One dynamic test per check, each on a store that {@code stores} opens for it. */
    public static List<DynamicTest> checks(ThrowingSupplier<? extends ProcessedKeysStore> stores) {
        List<DynamicTest> checks = new ArrayList<>();
        checks.add(check("a key is in flight until confirmed and forgotten when removed", stores,
                ProcessedKeysContract::inFlightUntilConfirmedForgottenWhenRemoved));
        checks.add(check("add records a key once, remove forgets it", stores,
                ProcessedKeysContract::addRecordsOnceRemoveForgets));
        checks.add(check("of 20 copies arriving at once one is new, duplicates are never an error", stores,
                ProcessedKeysContract::copiesArrivingAtOnce));
        checks.add(check("an in-flight mark whose lease ran out is taken over", stores,
                ProcessedKeysContract::expiredLeaseIsTakenOver));
        checks.add(check("a duplicate of a message in flight is refused, one of a done message passes", stores,
                ProcessedKeysContract::duplicateLearnsWhetherDone));
        checks.add(check("clear forgets only its own namespace", stores,
                ProcessedKeysContract::clearForgetsOnlyItsNamespace));
        checks.add(check("under Camel's idempotent consumer a failed message can be retried", stores,
                ProcessedKeysContract::failedMessageCanBeRetried));
        return checks;
    }

    @FunctionalInterface
    private interface Check {
        void run(ProcessedKeysContract contract) throws Exception;
    }

    private static DynamicTest check(String name, ThrowingSupplier<? extends ProcessedKeysStore> stores, Check check) {
        return DynamicTest.dynamicTest(name, () -> {
            try (ProcessedKeysStore store = stores.get()) {
                ProcessedKeysContract contract = new ProcessedKeysContract(store);
                try {
                    check.run(contract);
                } finally {
                    contract.clearOpened();
                }
            }
        });
    }

    private ProcessedKeysRepository open(String namespace) throws Exception {
        ProcessedKeysRepository repository = store.repository(namespace);
        opened.add(repository);
        return repository;
    }

    private ProcessedKeysRepository open() throws Exception {
        return open("contract/" + UUID.randomUUID());
    }

    private void clearOpened() {
        for (ProcessedKeysRepository repository : opened) {
            try {
                repository.clear();
            } finally {
                repository.stop();
            }
        }
    }

    private static void inFlightUntilConfirmedForgottenWhenRemoved(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository keys = contract.open();
        List<Object> seen = new ArrayList<>();
        seen.add(keys.add("a"));
        seen.add(keys.isDone("a"));
        seen.add(keys.add("a"));
        keys.confirm("a");
        seen.add(keys.isDone("a"));
        seen.add(keys.add("a"));
        seen.add(keys.add("b"));
        keys.remove("b");
        seen.add(keys.contains("b"));
        seen.add(keys.add("b"));
        assertThat(seen).containsExactly(true, false, false, true, false, true, false, true);
        assertThat(keys.isDone("never-added")).as("an unknown key is not done").isFalse();
    }

    private static void addRecordsOnceRemoveForgets(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository keys = contract.open();
        assertThat(keys.contains("order-1")).isFalse();
        assertThat(keys.add("order-1")).isTrue();
        assertThat(keys.add("order-1")).isFalse();
        assertThat(keys.contains("order-1")).isTrue();
        assertThat(keys.confirm("order-1")).isTrue();
        assertThat(keys.contains("order-1")).isTrue();
        assertThat(keys.remove("order-1")).isTrue();
        assertThat(keys.remove("order-1")).isFalse();
        assertThat(keys.contains("order-1")).isFalse();
        assertThat(keys.add("order-1")).as("a removed key is new again").isTrue();
    }

    private static void copiesArrivingAtOnce(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository keys = contract.open();
        CyclicBarrier together = new CyclicBarrier(CALLERS);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Boolean>> added = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Callable<Boolean> add = () -> {
                    together.await();
                    return keys.add("order-1");
                };
                added.add(callers.submit(add));
            }
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : added) {
                outcomes.add(f.get()); // an exception here is the defect: a duplicate taken for a failure
            }
            assertThat(outcomes).containsOnlyOnce(true).hasSize(CALLERS);
        } finally {
            callers.shutdownNow();
        }
    }

    /** The lease is read when a key is added: a 1 ms one runs out at once, a copy then takes over for 5 minutes. */
    private static void expiredLeaseIsTakenOver(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository keys = contract.open();
        keys.setInFlightLease("1ms");
        assertThat(keys.add("crashed")).isTrue();
        keys.setInFlightLease("5m");
        Awaitility.await("the 1 ms lease to run out").atMost(Deliveries.PATIENCE).until(() -> keys.add("crashed"));
        assertThat(keys.add("crashed")).as("the copy that took over holds a new lease").isFalse();
        keys.confirm("crashed");
        assertThat(keys.add("crashed")).as("a done key has no lease").isFalse();
    }

    /** A duplicate learns whether its original is done; one in flight is refused with 409 and Retry-After. */
    private static void duplicateLearnsWhetherDone(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository keys = contract.open();
        InFlightDuplicateCheck check = new InFlightDuplicateCheck();
        check.setRoute("pay");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            keys.add("p-1");
            Exchange copy = duplicate(camel, keys, "p-1");
            assertThatThrownBy(() -> check.process(copy)).isInstanceOfSatisfying(PolicyRejectedException.class,
                    refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
                        assertThat(refused.getMessage()).isEqualTo(
                                "an earlier copy of this message is still being processed by route 'pay'");
                    });
            keys.confirm("p-1");
            Exchange late = duplicate(camel, keys, "p-1");
            check.process(late);
            assertThat(ProcessedKeysRepository.isDuplicateInFlight(late)).isFalse();
        }
    }

    private static Exchange duplicate(CamelContext camel, ProcessedKeysRepository keys, String key) {
        Exchange exchange = new DefaultExchange(camel);
        assertThat(keys.add(exchange, key)).isFalse();
        exchange.setProperty(Exchange.DUPLICATE_MESSAGE, true); // what Camel's idempotent consumer sets
        return exchange;
    }

    /** Keys hold characters that are special to Redis globs and SQL LIKE; a namespace that only extends ours stays. */
    private static void clearForgetsOnlyItsNamespace(ProcessedKeysContract contract) throws Exception {
        String namespace = "contract/" + UUID.randomUUID();
        ProcessedKeysRepository keys = contract.open(namespace);
        ProcessedKeysRepository other = contract.open(namespace + "-other");
        List<String> special = List.of("k*1", "k?2", "[k]3", "k%4", "k_5", "k\\6");
        for (String key : special) {
            assertThat(keys.add(key)).isTrue();
        }
        assertThat(other.add("k*1")).isTrue();
        keys.clear();
        assertThat(special).noneMatch(keys::contains);
        assertThat(other.contains("k*1")).as("the other namespace's key").isTrue();
    }

    /** Under Camel's idempotent consumer: a duplicate is skipped, a failed message's key is removed for its retry. */
    private static void failedMessageCanBeRetried(ProcessedKeysContract contract) throws Exception {
        ProcessedKeysRepository repository = contract.open();
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").idempotentConsumer(header("id"), repository)
                            .filter(body().isEqualTo("fail")).throwException(new IllegalStateException("boom")).end()
                            .process(e -> processed.add(e.getMessage().getBody(String.class)));
                }
            });
            camel.start();
            var producer = camel.createProducerTemplate();
            producer.sendBodyAndHeader("direct:in", "first", "id", "a");
            producer.sendBodyAndHeader("direct:in", "again", "id", "a");
            assertThatThrownBy(() -> producer.sendBodyAndHeader("direct:in", "fail", "id", "b"))
                    .hasRootCauseMessage("boom");
            assertThat(repository.contains("b")).as("the failed message's key is removed").isFalse();
            producer.sendBodyAndHeader("direct:in", "retry", "id", "b");
            producer.sendBodyAndHeader("direct:in", "again", "id", "b");
            assertThat(processed).containsExactly("first", "retry");
        }
    }
}
