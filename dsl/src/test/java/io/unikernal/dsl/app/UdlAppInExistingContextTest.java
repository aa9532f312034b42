package io.unikernal.dsl.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole UDL app added to a CamelContext an application already has, beside its own routes. */
class UdlAppInExistingContextTest {

    @TempDir
    Path dir;

    @Test
    void aUdlAppRunsInAPlainCamelContextBesideJavaRoutes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:shop").setHeader("channel", constant("web")).to("direct:orders-in");
                }
            });
            UdlApp.load(resource("orders.udl")).addTo(context);
            context.start();
            context.createProducerTemplate().sendBody("direct:shop", Map.of("id", "o-9", "customer", "Lin",
                    "amount", 7));
            Exchange accepted = context.createConsumerTemplate().receive("seda:orders-accepted", 10_000);
            assertThat(accepted).isNotNull();
            assertThat(accepted.getMessage().getBody(Map.class)).containsEntry("id", "o-9").containsKey("total");
            assertThat(accepted.getMessage().getHeader("channel")).isEqualTo("web");
        }
    }

    @Test
    void aUdlAppIsAddedToAContextThatIsAlreadyRunning() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            UdlApp app = UdlApp.load(resource("orders.udl"));
            app.addTo(context);
            assertThat(app.routeIds()).contains("take-order");
            assertThat(context.getRouteController().getRouteStatus("take-order").isStarted()).isTrue();
        }
    }

    @Test
    void aFileWithErrorsIsRefusedWithEveryProblemAtItsPlace() throws Exception {
        Path udl = dir.resolve("bad.udl");
        Files.writeString(udl, """
                udl: 8
                name: bad
                systems:
                  in: {adapter: direct}
                routes:
                  - name: r
                    from: in
                    steps:
                      - validate: Missing
                """);
        assertThatThrownBy(() -> UdlApp.load(udl)).isInstanceOf(UdlAppException.class)
                .satisfies(e -> {
                    UdlAppException failure = (UdlAppException) e;
                    assertThat(failure.problems()).isNotEmpty();
                    assertThat(failure.getMessage()).startsWith(udl + ":9:").contains("Missing");
                });
    }

    @Test
    void aSchemaTheFileDoesNotDeclareIsNamedWithThoseItDoes() {
        UdlApp app = UdlApp.load(resource("orders.udl"));
        assertThatThrownBy(() -> app.schema("Invoice")).isInstanceOf(UdlAppException.class)
                .hasMessageContaining("no schema 'Invoice'").hasMessageContaining("[Order]")
                .hasMessageContaining("[DSL-003]");
    }

    @Test
    void anHttpAppInCamelMainWithoutItsServerSettingsSaysWhatToAdd() throws Exception {
        Path udl = dir.resolve("api.udl");
        Files.writeString(udl, """
                udl: 8
                name: api
                systems:
                  api: {adapter: http, port: 18089}
                routes:
                  - name: hello
                    from: {system: api, method: GET, path: /hello}
                    steps: [{log: "hello"}]
                """);
        Main main = new Main();
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + udl);
        try {
            assertThatThrownBy(main::start).satisfies(failure -> {
                Throwable t = failure;
                while (t != null && !(t instanceof UdlAppException)) {
                    t = t.getCause();
                }
                assertThat(t).as("a UdlAppException among the causes of " + failure).isNotNull();
                assertThat(t.getMessage()).startsWith(udl + ":4:3: app 'api' serves HTTP on port 18089")
                        .contains("camel.server.enabled=true").contains("camel.server.port=18089")
                        .contains("[DSL-001]");
            });
        } finally {
            main.stop();
        }
    }

    @Test
    void anHttpAppInCamelMainWithItsServerSettingsServes() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path udl = dir.resolve("api.udl");
        Files.writeString(udl, """
                udl: 8
                name: api
                systems:
                  api: {adapter: http, port: %d}
                routes:
                  - name: hello
                    from: {system: api, method: POST, path: /hello}
                    steps:
                      - transform: {set: {greeting: "'hello ' + name"}}
                """.formatted(port));
        Main main = new Main();
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + udl);
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.maxBodySize", "1048576");
        try {
            main.start();
            var client = java.net.http.HttpClient.newHttpClient();
            var reply = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/hello"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Ada\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).contains("\"greeting\":\"hello Ada\"");
        } finally {
            main.stop();
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(UdlAppInExistingContextTest.class.getResource("/loader/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
