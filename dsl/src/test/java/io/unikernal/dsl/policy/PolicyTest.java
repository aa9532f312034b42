package io.unikernal.dsl.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.policy.BreakerOpenCheck;
import io.unikernal.runtime.policy.PolicyRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One {@link Policy}, used by hand-written routes, does what the same UDL {@code policy:} does. */
class PolicyTest {

    private final CamelContext context = new DefaultCamelContext();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        context.stop();
    }

    /** A target route that fails its first {@code failures} calls, then answers "ok". */
    private RouteBuilder target(int failures) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a target route of one's own has no error handler: Camel's default one would mark the failure
                // exhausted, and the caller's redelivery does not repeat an exhausted failure
                from("direct:target").errorHandler(noErrorHandler()).process(exchange -> {
                    if (calls.incrementAndGet() <= failures) {
                        throw new IllegalStateException("target down (call " + calls.get() + ")");
                    }
                    exchange.getMessage().setBody("ok");
                });
            }
        };
    }

    private ProducerTemplate start(Policy policy, int failures) throws Exception {
        context.addRoutes(target(failures));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                PolicyRoutes orders = policy.on(this, "orders");
                orders.call(orders.from("direct:orders", true), "direct:target");
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void aCallWithoutAKnownApiKeyIsRefusedAndAKnownOnePasses() throws Exception {
        Policy policy = Policy.custom().apiKey("shop", sha256("s3cret")).build();
        ProducerTemplate template = start(policy, 0);
        assertThatThrownBy(() -> template.requestBody("direct:orders", "x"))
                .hasCauseInstanceOf(PolicyRejectedException.class);
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:orders", "x", "X-Api-Key", "wrong"))
                .hasCauseInstanceOf(PolicyRejectedException.class);
        assertThat(template.requestBodyAndHeader("direct:orders", "x", "X-Api-Key", "s3cret")).isEqualTo("ok");
        assertThat(calls).hasValue(1);
    }

    @Test
    void callsOverTheRateLimitAreRefusedWith429() throws Exception {
        ProducerTemplate template = start(Policy.custom().rateLimit(2, Duration.ofHours(1)).build(), 0);
        template.requestBody("direct:orders", "1");
        template.requestBody("direct:orders", "2");
        assertThatThrownBy(() -> template.requestBody("direct:orders", "3"))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> assertThat(((PolicyRejectedException) e.getCause()).status()).isEqualTo(429));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFailingCallIsRetriedAsAWholeUntilItSucceeds() throws Exception {
        Policy policy = Policy.custom().retry(3, Duration.ofMillis(1), Duration.ofMillis(5), 2, false)
                .circuitBreaker(100, 10).build();
        ProducerTemplate template = start(policy, 2);
        assertThat(template.requestBody("direct:orders", "x")).isEqualTo("ok");
        assertThat(calls).as("two failed attempts and the one that worked").hasValue(3);
    }

    @Test
    void retryGivesUpAfterItsAttempts() throws Exception {
        ProducerTemplate template = start(Policy.custom().retry(2, Duration.ofMillis(1), Duration.ofMillis(5), 2,
                false).build(), 5);
        assertThatThrownBy(() -> template.requestBody("direct:orders", "x"))
                .hasRootCauseMessage("target down (call 2)");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anOpenBreakerRefusesCallsWithoutReachingTheTarget() throws Exception {
        ProducerTemplate template = start(Policy.custom().circuitBreaker(50, 2).build(), 100);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> template.requestBody("direct:orders", "x"))
                    .hasRootCauseInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> template.requestBody("direct:orders", "x"))
                .hasCauseInstanceOf(BreakerOpenCheck.BreakerOpenException.class);
        assertThat(calls).as("the third call never reached the target").hasValue(2);
    }

    @Test
    void theBuilderRefusesBadValuesQuotingThem() {
        assertThatThrownBy(() -> Policy.custom().apiKey("shop", "not-a-hash"))
                .hasMessageContaining("'not-a-hash'");
        assertThatThrownBy(() -> Policy.custom().retry(0, Duration.ofMillis(1))).hasMessageContaining("attempts 0");
        assertThatThrownBy(() -> Policy.custom().circuitBreaker(150, 10)).hasMessageContaining("failureRate 150");
    }

    @Test
    void onePolicyServesSeveralRoutesEachWithItsOwnBucket() throws Exception {
        Policy policy = Policy.custom().rateLimit(1, Duration.ofHours(1)).build();
        context.addRoutes(target(0));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                PolicyRoutes a = policy.on(this, "a");
                a.call(a.from("direct:a", true), "direct:target");
                PolicyRoutes b = policy.on(this, "b");
                b.call(b.from("direct:b", true), "direct:target");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        assertThat(template.requestBody("direct:a", "x")).isEqualTo("ok");
        assertThat(template.requestBody("direct:b", "x")).isEqualTo("ok");
        assertThatThrownBy(() -> template.requestBody("direct:a", "x")).hasCauseInstanceOf(
                PolicyRejectedException.class);
        assertThat(Map.of("calls", calls.get())).containsEntry("calls", 2);
    }

    static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
