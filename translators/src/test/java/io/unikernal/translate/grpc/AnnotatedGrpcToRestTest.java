package io.unikernal.translate.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.rest.ShelvesContract;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC to REST with {@code google.api.http} annotations used in reverse: the verb, the path template filled from the
 * request (a variable, a {@code {shelf=shelves/*}} pattern, an encoded segment), the body rules ({@code *} without
 * the path's fields, a field, none), the other set fields as query parameters, and {@code response_body}; against a
 * real HTTP server, in process and from the emitted YAML.
 */
class AnnotatedGrpcToRestTest {

    @TempDir
    Path workDir;

    @Test
    void annotatedMethodsCallTheirVerbsPathsAndBodies() throws Exception {
        Path proto = ShelvesContract.copyTo(workDir);
        int port = FreePort.loopback();
        try (RestPeer rest = new RestPeer()) {
            rest.behaviour = request -> request.uri().endsWith("/total?full=true") ? RestPeer.Answer.json(200, "3")
                    : RestPeer.Answer.json(200, request.body().isEmpty() ? "{\"title\": \"from " + request.verb()
                            + "\"}" : request.body());
            String name = "upt-grpc-rest-" + UUID.randomUUID().toString().substring(0, 8);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n"
                    + "  shelves: {adapter: grpc, port: " + port + ", proto: \"" + proto + "\"}\n"
                    + "  books: {adapter: http-client, url: \"" + rest.url() + "\"}\n"
                    + "translations:\n  - name: shelves-grpc\n    expose: {system: shelves, protocol: grpc}\n"
                    + "    target: {system: books}\n";
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir,
                    app -> {
                        rest.requests.clear();
                        List<Object> out = new ArrayList<>();
                        try (GrpcCaller caller = new GrpcCaller(port, proto)) {
                            out.add(caller.call("shelves.v1.Shelves/GetBook", "{\"shelf\": \"s1\", \"id\": \"42\","
                                    + " \"full\": true}", Map.of(), null).json());
                            out.add(caller.call("shelves.v1.Shelves/CreateBook", "{\"shelf\": \"s1\", \"book\":"
                                    + " {\"title\": \"T\", \"tags\": [\"a\", \"b\"]}}", Map.of(), null).json());
                            out.add(caller.call("shelves.v1.Shelves/UpdateBook", "{\"shelf\": \"shelves/s1\","
                                    + " \"id\": \"7\", \"title\": \"New\", \"tags\": [\"x\"]}", Map.of(), null).json());
                            out.add(caller.call("shelves.v1.Shelves/DeleteBook", "{\"shelf\": \"s 1\", \"id\": \"1\"}",
                                    Map.of(), null).json());
                            out.add(caller.call("shelves.v1.Shelves/ListTotal", "{\"shelf\": \"s1\", \"full\": true}",
                                    Map.of(), null).json());
                            int sent = rest.requests.size();
                            GrpcCaller.Result unmatched = caller.call("shelves.v1.Shelves/UpdateBook",
                                    "{\"shelf\": \"s1\", \"id\": \"7\"}", Map.of(), null);
                            GrpcCaller.Result empty = caller.call("shelves.v1.Shelves/GetBook", "{\"id\": \"7\"}",
                                    Map.of(), null);
                            out.add(unmatched.code() + " " + unmatched.description());
                            out.add(empty.code());
                            out.add(rest.requests.size() - sent);
                        }
                        for (RestPeer.Request request : rest.requests) {
                            out.add(request.verb() + " " + request.uri() + " " + request.body());
                        }
                        return out;
                    });
            assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
            List<Object> seen = outcomes.inProcess();
            assertThat(seen.subList(0, 8)).containsExactly(
                    "{\"title\":\"from GET\"}",
                    "{\"title\":\"T\",\"tags\":[\"a\",\"b\"]}",
                    "{\"title\":\"New\",\"tags\":[\"x\"]}",
                    "{\"title\":\"from DELETE\"}",
                    "{\"total\":3}",
                    "INVALID_ARGUMENT the fields [shelf, id] of shelves.v1.Book must be set to fill the path"
                            + " /v1/{shelf=shelves/*}/books/{id} of shelves.v1.Shelves/UpdateBook",
                    "INVALID_ARGUMENT",
                    0);
            assertThat(seen.subList(8, seen.size())).containsExactly(
                    "GET /v1/shelves/s1/books/42?full=true ",
                    "POST /v1/shelves/s1/books " + json("{\"shelf\": \"\", \"id\": \"0\", \"title\": \"T\","
                            + " \"tags\": [\"a\", \"b\"]}"),
                    "PATCH /v1/shelves/s1/books/7 " + json("{\"title\": \"New\", \"tags\": [\"x\"]}"),
                    "DELETE /v1/shelves/s%201/books/1 ",
                    "GET /v1/shelves/s1/total?full=true ");
        }
    }

    private static String json(String text) {
        return StrictJson.write(StrictJson.read(text, Map.class));
    }
}
