package io.unikernal.runtime.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.policy.PolicyRejectedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The in-memory store of {@code unikernal test} keeps the semantics every store shares. */
class MemoryProcessedKeysTest {

    private final MemoryProcessedKeys keys = new MemoryProcessedKeys();

    @Test
    void aKeyIsInFlightUntilConfirmedAndForgottenWhenRemoved() {
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
    }

    @Test
    void anInFlightMarkWhoseLeaseRanOutIsTakenOver() {
        keys.setInFlightLease("1ms");
        assertThat(keys.add("crashed")).isTrue();
        Awaitility.await().until(() -> keys.add("crashed"));
        keys.confirm("crashed");
        assertThat(keys.add("crashed")).as("a done key has no lease").isFalse();
    }

    /** A duplicate learns whether its original is done; one in flight is refused with 409 and Retry-After. */
    @Test
    void aDuplicateOfAMessageInFlightIsRefusedAndOneOfADoneMessagePasses() throws Exception {
        InFlightDuplicateCheck check = new InFlightDuplicateCheck();
        check.setRoute("pay");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            keys.add("p-1");
            Exchange copy = duplicate(camel, "p-1");
            assertThatThrownBy(() -> check.process(copy)).isInstanceOfSatisfying(PolicyRejectedException.class,
                    refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
                        assertThat(refused.getMessage()).isEqualTo(
                                "an earlier copy of this message is still being processed by route 'pay'");
                    });
            keys.confirm("p-1");
            Exchange late = duplicate(camel, "p-1");
            check.process(late);
            assertThat(ProcessedKeysRepository.isDuplicateInFlight(late)).isFalse();
        }
    }

    private Exchange duplicate(DefaultCamelContext camel, String key) {
        Exchange exchange = new DefaultExchange(camel);
        assertThat(keys.add(exchange, key)).isFalse();
        exchange.setProperty(Exchange.DUPLICATE_MESSAGE, true); // what Camel's idempotent consumer sets
        return exchange;
    }
}
