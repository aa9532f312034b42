package io.unikernal.adapter.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unikernal.testkit.probe.ProbeApp;
import io.unikernal.testkit.probe.Probes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route calling an operation of {@link OrdersProvider} (CXF, JAX-WS Provider): the JSON body is the request
 * element, the response comes back as typed JSON; a Client fault rejects the message (dead letter at once, no retry
 * even under a retry policy), a Server fault is a failure the policy retries.
 */
class SoapCallTest {

    @TempDir
    Path workDir;

    private final ProviderServer server = new ProviderServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private String app(String name) {
        Path wsdl = ContractWsdl.write(workDir);
        return "udl: 8\nname: " + name + "\nsystems:\n  feed: {adapter: contract-probe}\n"
                + "  orders: {adapter: soap, address: \"" + server.url() + "\", wsdl: \"" + wsdl + "\"}\n"
                + "  seen: {adapter: contract-probe}\n  parked: {adapter: contract-probe}\n"
                + "routes:\n  - name: take\n    from: feed\n"
                + "    policy: {retry: {attempts: 3, initial: 10ms, max: 20ms}}\n    steps:\n"
                + "      - to: {system: orders, operation: Take}\n      - to: seen\n    deadLetter: parked\n";
    }

    private static String name() {
        return "soap-call-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theResponseElementComesBackAsTypedJson() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            app.feed("feed", Map.of("id", "o-1", "n", 7, "note", "a <b> & c"), "corr-c-1");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("seen").isEmpty());
            Probes.Record seen = app.recorded("seen").get(0);
            assertThat(seen.body()).isEqualTo(Map.of("id", "o-1", "n", 7L, "note", "a <b> & c"));
            OrdersProvider.Call call = server.provider.calls.get(0);
            assertThat(call.body().getLocalName()).isEqualTo("Take");
            assertThat(call.body().getNamespaceURI()).isEqualTo(ContractWsdl.NS);
            assertThat(SoapXml.firstElement(call.body()).getNamespaceURI()).as("elementFormDefault=qualified")
                    .isEqualTo(ContractWsdl.NS);
            assertThat(call.header("X-Correlation-Id")).isEqualTo("corr-c-1");
            assertThat(call.header("SOAPAction")).isEqualTo("\"urn:Take\"");
        }
    }

    @Test
    void aOneWayOperationIsSentAndTheRouteGoesOn() throws Exception {
        String name = name();
        String udl = app(name).replace("operation: Take}", "operation: Notify}");
        try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
            app.feed("feed", Map.of("text", "hello"), "corr-c-6");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("seen").isEmpty());
            assertThat(server.provider.calls).singleElement().satisfies(call -> {
                assertThat(call.body().getLocalName()).isEqualTo("Notice");
                assertThat(SoapXml.child(call.body(), "text")).isEqualTo("hello");
            });
        }
    }

    @Test
    void aClientFaultRejectsTheMessageWithoutRetry() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            app.feed("feed", Map.of("id", "client-fault-1", "n", 1, "note", "x"), "corr-c-2");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("parked").isEmpty());
            String reason = String.valueOf(((Map<?, ?>) app.recorded("parked").get(0).body()).get("reason"));
            assertThat(reason).contains("Client fault").contains("order client-fault-1 is not acceptable");
            assertThat(server.provider.calls).hasSize(1);
            assertThat(app.recorded("seen")).isEmpty();
        }
    }

    @Test
    void aServerFaultIsRetriedByThePolicy() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            app.feed("feed", Map.of("id", "server-fault-1", "n", 1, "note", "x"), "corr-c-3");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("parked").isEmpty());
            String reason = String.valueOf(((Map<?, ?>) app.recorded("parked").get(0).body()).get("reason"));
            assertThat(reason).contains("Server fault").contains("the order book is unavailable");
            assertThat(server.provider.calls).hasSize(3);
        }
    }

    @Test
    void aServiceThatIsNotListeningIsAFailureInWordsRetriedByThePolicy() throws Exception {
        String name = name();
        server.stop();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            app.feed("feed", Map.of("id", "o-3", "n", 1, "note", "x"), "corr-c-5");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("parked").isEmpty());
            Map<?, ?> record = (Map<?, ?>) app.recorded("parked").get(0).body();
            assertThat(String.valueOf(record.get("reason"))).contains("SOAP call Take at " + server.url())
                    .contains("connection refused");
            assertThat(String.valueOf(record)).contains("3");
        }
    }

    @Test
    void aBodyThatCannotBeTheRequestElementIsRejectedBeforeAnyCall() throws Exception {
        String name = name();
        try (ProbeApp app = ProbeApp.start(name, app(name), workDir)) {
            app.feed("feed", Map.of("id", "o-2", "bad key", 1), "corr-c-4");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("parked").isEmpty());
            String reason = String.valueOf(((Map<?, ?>) app.recorded("parked").get(0).body()).get("reason"));
            assertThat(reason).contains("cannot be the Take element");
            assertThat(server.provider.calls).isEmpty();
        }
    }

    @Test
    void anAnswerWithADtdIsTheServicesFailureRetriedNotAClientFault() throws Exception {
        // a "service" whose answer declares a DTD (an external entity): CXF refuses to read it and reports a fault of
        // code Client of its own making, which must not pass for the service's Client fault
        HttpServer hostile = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        hostile.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] reply = ("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                    + SoapXml.envelope("<o:TakeResponse xmlns:o=\"" + ContractWsdl.NS + "\"><o:id>&x;</o:id>"
                    + "</o:TakeResponse>").replaceFirst("^<\\?xml[^>]*\\?>", "")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        hostile.start();
        String name = name();
        String udl = app(name).replace(server.url(), "http://127.0.0.1:" + hostile.getAddress().getPort() + "/orders");
        try (ProbeApp app = ProbeApp.start(name, udl, workDir)) {
            app.feed("feed", Map.of("id", "o-9", "n", 1, "note", "x"), "corr-c-9");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !app.recorded("parked").isEmpty());
            String reason = String.valueOf(((Map<?, ?>) app.recorded("parked").get(0).body()).get("reason"));
            assertThat(reason).contains("cannot be read").doesNotContain("Client fault");
            assertThat(calls.get()).as("retried by the policy, as a failure of the service").isEqualTo(3);
        } finally {
            hostile.stop(0);
        }
    }
}
