package io.unikernal.translate.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST to gRPC with {@code google.api.http} annotations: verbs, path templates (a variable, a dotted field, a
 * {@code {shelf=shelves/*}} pattern), body rules ({@code *}, a field, none), query parameters, additional bindings
 * and {@code response_body}; against a grpc-java server, in process and from the emitted YAML.
 */
class AnnotatedRestToGrpcTest {

    @TempDir
    Path workDir;

    @Test
    void annotatedBindingsServeTheirVerbsPathsAndBodies() throws Exception {
        Path proto = ShelvesContract.copyTo(workDir);
        int port = FreePort.loopback();
        try (PaymentsPeer peer = new PaymentsPeer(proto)) {
            Descriptor book = ProtoContract.load(proto).method("shelves.v1.Shelves/UpdateBook").input();
            peer.behaviours.put("shelves.v1.Shelves/GetBook", (request, headers) -> List.of(DynamicMessage
                    .newBuilder(book).setField(book.findFieldByName("shelf"), field(request, "shelf"))
                    .setField(book.findFieldByName("id"), field(request, "id"))
                    .setField(book.findFieldByName("title"), (Boolean) field(request, "full") ? "full" : "short")
                    .build()));
            peer.behaviours.put("shelves.v1.Shelves/CreateBook", (request, headers) -> List.of(
                    ((DynamicMessage) field(request, "book")).toBuilder()
                            .setField(book.findFieldByName("shelf"), field(request, "shelf")).build()));
            Descriptor list = ProtoContract.load(proto).method("shelves.v1.Shelves/ListTotal").output();
            peer.behaviours.put("shelves.v1.Shelves/ListTotal", (request, headers) -> List.of(DynamicMessage
                    .newBuilder(list).setField(list.findFieldByName("total"), 3).build()));
            peer.behaviours.put("shelves.v1.Shelves/DeleteBook", (request, headers) -> List.of(
                    DynamicMessage.getDefaultInstance(book)));
            String name = "upt-http-" + UUID.randomUUID().toString().substring(0, 8);
            String udl = "udl: 8\nname: " + name + "\nsystems:\n  api: {adapter: http, port: " + port + "}\n"
                    + "  shelves: {adapter: grpc, address: \"" + peer.address() + "\", proto: \"" + proto + "\"}\n"
                    + "translations:\n  - name: shelves-rest\n    expose: {system: api}\n"
                    + "    target: {system: shelves}\n";
            TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(name + ".udl.yaml", udl, Map.of(), workDir,
                    app -> {
                        List<Object> out = new ArrayList<>();
                        out.add(call(port, "GET", "/v1/shelves/s1/books/7?full=true", null));
                        out.add(call(port, "POST", "/v1/shelves/s1/books", "{\"title\": \"T\", \"tags\": [\"a\"]}"));
                        out.add(call(port, "PUT", "/v1/shelves/s1/books/9", "{\"title\": \"U\"}"));
                        out.add(call(port, "PATCH", "/v1/shelves/s2/books/3", "{\"title\": \"P\"}"));
                        out.add(call(port, "DELETE", "/v1/shelves/s1/books/4", null));
                        out.add(call(port, "GET", "/v1/shelves/s1/total", null));
                        out.add(call(port, "GET", "/v1/shelves/s1/books/7?colour=red", null).get(0));
                        out.add(call(port, "PUT", "/v1/shelves/s1/total", "{}").get(0));
                        out.add(call(port, "POST", "/shelves.v1.Shelves/GetBook", "{\"shelf\": \"d\", \"id\": 1}"));
                        out.add(call(port, "GET", "/v1/nothing", null).get(0));
                        return out;
                    });
            assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
            List<Object> seen = outcomes.inProcess();
            assertThat(seen.get(0)).isEqualTo(List.of(200, Map.of("shelf", "s1", "id", "7", "title", "full",
                    "tags", List.of())));
            assertThat(seen.get(1)).isEqualTo(List.of(200, Map.of("shelf", "s1", "id", "0", "title", "T",
                    "tags", List.of("a"))));
            assertThat(seen.get(2)).isEqualTo(List.of(200, Map.of("shelf", "s1", "id", "9", "title", "U",
                    "tags", List.of())));
            assertThat(seen.get(3)).as("the {shelf=shelves/*} variable takes both segments").isEqualTo(List.of(
                    200, Map.of("shelf", "shelves/s2", "id", "3", "title", "P", "tags", List.of())));
            assertThat(((List<?>) seen.get(4)).get(0)).isEqualTo(200);
            assertThat(seen.get(5)).as("response_body: the reply's total alone").isEqualTo(List.of(200, 3L));
            assertThat(seen.get(6)).as("a query parameter the message lacks").isEqualTo(400);
            assertThat(seen.get(7)).as("a path served with another verb").isEqualTo(405);
            assertThat(seen.get(8)).as("the POST package.Service/Method path is still served").isEqualTo(List.of(
                    200, Map.of("shelf", "d", "id", "1", "title", "short", "tags", List.of())));
            assertThat(seen.get(9)).isEqualTo(404);
            assertThat(peer.calls.stream().map(PaymentsPeer.Call::method).filter(m -> m.endsWith("DeleteBook")))
                    .hasSize(2);
            DynamicMessage deleted = peer.calls.stream().filter(c -> c.method().endsWith("DeleteBook")).findFirst()
                    .orElseThrow().request();
            assertThat(field(deleted, "shelf")).isEqualTo("s1");
            assertThat(field(deleted, "id")).isEqualTo(4L);
        }
    }

    private static Object field(DynamicMessage message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static List<Object> call(int port, String verb, String path, String body) throws Exception {
        HttpResponse<String> response = RestCaller.send(port, verb, path, body);
        return List.of(response.statusCode(), response.body().isEmpty() ? "" : StrictJson.read(response.body(),
                Object.class));
    }
}
