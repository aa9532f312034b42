package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graphql system is served on the app's one HTTP listener: beside an http system on the same port (in process and
 * from the emitted YAML), and a different port is the shared-listener conflict, UDL-029. Introspection when allowed.
 */
class GraphqlSharedListenerTest {

    @TempDir
    Path workDir;

    @Test
    void graphqlAndHttpRoutesAreServedOnOneListener() throws Exception {
        int port = FreePort.loopback();
        String name = "gql-" + UUID.randomUUID().toString().substring(0, 8);
        Path sdl = Files.writeString(workDir.resolve("api.graphqls"), "type Query { hello(who: String!): String }\n");
        String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: graphql, schema: " + sdl.toAbsolutePath() + ", port: " + port
                + ", introspection: true}\n"
                + "  rest: {adapter: http, port: " + port + ", path: /rest}\n"
                + "routes:\n"
                + "  - name: hello\n    from: {system: api, field: Query.hello}\n"
                + "    reply: {body: \"'hello ' + who\"}\n"
                + "  - name: echo\n    from: {system: rest, method: POST}\n"
                + "    steps:\n      - transform: {set: {echoed: \"true\"}}\n";
        TwoWayRun.Outcomes<Boolean> runs = TwoWayRun.run(name + ".udl.yaml", udl,
                ProbeApps.with(new GraphqlAdapter(), new io.unikernal.adapter.http.HttpServerAdapter()), Map.of(), workDir, app -> {
                    GraphqlClient client = new GraphqlClient(port, "/graphql");
                    assertThat(client.query("{ hello(who: \"Ada\") }").data("hello")).isEqualTo("hello Ada");
                    HttpResponse<String> rest = Http.postForResponse(port, "/rest", "{\"id\": \"a\"}");
                    assertThat(rest.statusCode()).isEqualTo(200);
                    assertThat(rest.body()).contains("\"echoed\":true");
                    GraphqlClient.Answer schema = client.query("{ __schema { queryType { name } } }");
                    assertThat(schema.errors()).isEmpty();
                    assertThat(schema.data("__schema")).isEqualTo(Map.of("queryType", Map.of("name", "Query")));
                    return true;
                });
        assertThat(runs.inProcess()).isTrue();
        assertThat(runs.emitted()).isTrue();
    }

    @Test
    void anotherPortThanTheHttpSystemsIsAListenerConflict() throws Exception {
        Files.writeString(workDir.resolve("api.graphqls"), "type Query { hello: String }\n");
        String udl = "udl: 8\nname: app\nsystems:\n  api: {adapter: graphql, schema: api.graphqls, port: 9001}\n"
                + "  rest: {adapter: http, port: 9000}\n"
                + "routes:\n  - name: hello\n    from: {system: api, field: Query.hello}\n    reply: {body: \"'hi'\"}\n"
                + "  - name: echo\n    from: rest\n    reply: {body: \"'ok'\"}\n";
        assertThat(new UdlParser(ProbeApps.with(new GraphqlAdapter(), new io.unikernal.adapter.http.HttpServerAdapter())).parse(workDir.resolve("app.udl").toString(), udl)
                .problems().stream().map(UdlError::headline).toList())
                .anySatisfy(problem -> assertThat(problem).contains("port").endsWith("[UDL-029]"));
    }
}
