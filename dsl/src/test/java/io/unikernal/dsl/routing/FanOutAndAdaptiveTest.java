package io.unikernal.dsl.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.fanout.FanOutJoin;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fan-out joins and adaptive routing in hand-written routes, on the kernel's balancers. */
class FanOutAndAdaptiveTest {

    private final CamelContext context = new DefaultCamelContext();
    private final AtomicInteger brokenCalls = new AtomicInteger();
    private final AtomicInteger goodCalls = new AtomicInteger();

    @AfterEach
    void stop() {
        context.stop();
    }

    private ProducerTemplate start(RouteBuilder step) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:eu").process(e -> {
                    goodCalls.incrementAndGet();
                    e.getMessage().setBody("eu:" + e.getMessage().getBody());
                });
                from("direct:us").setBody(simple("us:${body}"));
                from("direct:broken").process(e -> {
                    brokenCalls.incrementAndGet();
                    throw new IllegalStateException("broken is down");
                });
            }
        });
        context.addRoutes(step);
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void aQuorumJoinGoesOnWithTheRepliesOnceEnoughSucceeded() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                FanOut.quorum(2).target("eu", "direct:eu").target("us", "direct:us").target("broken", "direct:broken")
                        .appendTo(from("direct:quote"), "quote");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> body = template.requestBody("direct:quote", "q1", Map.class);
        assertThat(body.get("replies")).containsEntry("eu", "eu:q1").containsEntry("us", "us:q1");
        // the join is decided by the two successes: broken's failure may or may not be in by then
        assertThat(body.get("failed").keySet()).isSubsetOf("broken");
    }

    @Test
    void aQuorumThatCanNoLongerBeMetFailsWithEveryReason() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken-too").throwException(new IllegalArgumentException("broken-too refuses"));
                FanOut.quorum(2).target("eu", "direct:eu").target("broken", "direct:broken")
                        .target("broken-too", "direct:broken-too").appendTo(from("direct:quote"), "quote");
            }
        });
        assertThatThrownBy(() -> template.requestBody("direct:quote", "q1"))
                .hasCauseInstanceOf(FanOutJoin.JoinNotMetException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("broken is down")
                        .contains("broken-too refuses"));
    }

    @Test
    void anAllJoinWithAFailedTargetFailsTheMessageWithItsReason() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                FanOut.all().target("eu", "direct:eu").target("broken", "direct:broken")
                        .appendTo(from("direct:quote"), "quote");
            }
        });
        assertThatThrownBy(() -> template.requestBody("direct:quote", "q1"))
                .hasCauseInstanceOf(FanOutJoin.JoinNotMetException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("broken is down"));
    }

    @Test
    void adaptiveRoutingFailsOverAndTakesADownTargetOut() throws Exception {
        ProducerTemplate template = start(new RouteBuilder() {
            @Override
            public void configure() {
                Adaptive.route().explore(0).down(2, java.time.Duration.ofHours(1))
                        .target("broken", "direct:broken").target("eu", "direct:eu")
                        .appendTo(from("direct:price"), "price");
            }
        });
        for (int i = 0; i < 20; i++) {
            assertThat(template.requestBody("direct:price", "p" + i)).isEqualTo("eu:p" + i);
        }
        assertThat(goodCalls).hasValue(20);
        // every message got through (a call to broken failed over to eu); broken, measured worse after its first
        // failure and out after its second, is not tried again within the hour
        assertThat(brokenCalls.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFanOutNeedsTwoTargetsAndNoMoreSuccessesThanTargets() {
        assertThatThrownBy(() -> FanOut.quorum(3).target("eu", "direct:eu").target("us", "direct:us")
                .balancer("quote")).hasMessageContaining("needs 3 successes of 2 targets");
        assertThatThrownBy(() -> FanOut.all().target("eu", "direct:eu").target("eu", "direct:us"))
                .hasMessageContaining("named twice");
    }
}
