package io.unikernal.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.probe.Probes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request/reply both ways: a target with {@code request: true} takes the reply as the body, within the route's
 * timeout; a request nobody answers in time, or nobody takes at all, fails and is dead-lettered. A {@code nats}
 * source answers a request whose route failed with the error and NATS' service-error headers.
 */
class NatsRequestReplyTest {

    @TempDir
    Path workDir;

    @Test
    void aRequestTargetTakesTheReplyWithinTheRoutesTimeoutAndFailsWithoutOne() throws Exception {
        String run = NatsTestServers.unique("rr");
        String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                + "  feed: {adapter: contract-probe}\n"
                + "  pricing: {adapter: nats, subject: " + run + ".price}\n"
                + "  nobody: {adapter: nats, subject: " + run + ".nobody}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "  parked: {adapter: contract-probe}\n"
                + "routes:\n  - name: price\n    from: feed\n    policy: {timeout: 2s}\n    steps:\n"
                + "      - choose:\n          - when: \"id == 'orphan'\"\n"
                + "            to: {system: nobody, request: true}\n"
                + "          - otherwise:\n              - to: {system: pricing, request: true}\n"
                + "      - to: seen\n    deadLetter: parked\n";
        List<Received> asked = new CopyOnWriteArrayList<>();
        try (Connection responder = NatsTestServers.connect(NatsTestServers.MACHINE)) {
            Dispatcher dispatcher = responder.createDispatcher(request -> {
                Received got = NatsWire.received(request.getData(), request.getHeaders());
                asked.add(got);
                if (!"slow".equals(got.id())) {
                    Headers headers = new Headers().put(NatsHeaderFilter.CORRELATION_ID, got.correlationId());
                    responder.publish(request.getReplyTo(), headers, ("{\"id\": \"" + got.id() + "\", \"price\": 42}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            });
            dispatcher.subscribe(run + ".price");
            responder.flush(Duration.ofSeconds(5));
            try (NatsApp app = NatsApp.start(run, udl, workDir)) {
                app.feed("feed", Map.of("id", "fast"), "corr-fast");
                app.feed("feed", Map.of("id", "slow"), "corr-slow");
                app.feed("feed", Map.of("id", "orphan"), "corr-orphan");
                Awaitility.await("the reply at seen, the others dead-lettered").atMost(Duration.ofSeconds(30))
                        .until(() -> app.recorded("seen").size() + app.recorded("parked").size() >= 3);
                assertThat(app.recorded("seen")).extracting(Probes.Record::body)
                        .containsExactly(Map.of("id", "fast", "price", 42L));
                assertThat(asked).as("the requests the responder got, with their envelope")
                        .extracting(Received::id, Received::correlationId)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("fast", "corr-fast"),
                                org.assertj.core.groups.Tuple.tuple("slow", "corr-slow"));
                assertThat(app.recorded("parked")).extracting(r -> ((Map<?, ?>) r.body()).get("reason"))
                        .satisfiesExactlyInAnyOrder(
                                reason -> assertThat(String.valueOf(reason)).contains("not received within: 2000"),
                                reason -> assertThat(String.valueOf(reason)).containsIgnoringCase("no responders"));
            }
        }
    }

    @Test
    void aFailedRequestIsAnsweredWithTheErrorAndServiceErrorHeaders() throws Exception {
        String run = NatsTestServers.unique("rr");
        String udl = "udl: 8\nname: " + run + "\nsystems:\n"
                + "  orders: {adapter: nats, subject: " + run + ".orders}\n"
                + "  seen: {adapter: contract-probe}\n"
                + "schemas:\n  Order:\n    version: 1\n    fields:\n      id: {type: string, required: true}\n"
                + "      amount: {type: int, min: 1}\n"
                + "routes:\n  - name: take\n    from: orders\n    steps:\n      - validate: Order\n      - to: seen\n";
        try (Connection requester = NatsTestServers.connect(NatsTestServers.MACHINE);
                NatsApp app = NatsApp.start(run, udl, workDir)) {
            Message good = request(requester, run + ".orders", "{\"id\": \"a\", \"amount\": 5}");
            assertThat(good.getHeaders().getFirst(NatsReplyPublisher.SERVICE_ERROR_CODE)).isNull();
            assertThat(StrictJson.read(new String(good.getData(), StandardCharsets.UTF_8), Object.class))
                    .isEqualTo(Map.of("id", "a", "amount", 5L));
            assertThat(good.getHeaders().getFirst(NatsHeaderFilter.CORRELATION_ID)).isEqualTo("corr-" + run);

            Message bad = request(requester, run + ".orders", "{\"id\": \"b\", \"amount\": 0}");
            assertThat(bad.getHeaders().getFirst(NatsReplyPublisher.SERVICE_ERROR_CODE)).isEqualTo("400");
            assertThat(bad.getHeaders().getFirst(NatsReplyPublisher.SERVICE_ERROR)).isNotBlank();
            Map<?, ?> error = StrictJson.read(new String(bad.getData(), StandardCharsets.UTF_8), Map.class);
            assertThat(error.get("correlationId")).isEqualTo("corr-" + run);
            assertThat(String.valueOf(error.get("details"))).contains("amount");
        }
    }

    /** A request the app's subscription takes (sent again while it is not there yet). */
    private static Message request(Connection requester, String subject, String json) throws Exception {
        NatsMessage request = NatsMessage.builder().subject(subject)
                .headers(new Headers().put(NatsHeaderFilter.CORRELATION_ID, "corr-" + subject.split("\\.")[0]))
                .data(json.getBytes(StandardCharsets.UTF_8)).build();
        return Awaitility.await("the app's subscription").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> requester.request(request).get(10, TimeUnit.SECONDS), reply -> reply != null);
    }
}
