package io.unikernal.translate.graphql;

import static io.unikernal.translate.graphql.GraphqlCaller.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.unikernal.runtime.StrictJson;
import io.unikernal.testkit.server.FreePort;
import io.unikernal.translate.spi.TranslationMetrics;
import io.unikernal.udl.testing.TwoWayRun;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST to GraphQL end to end on loopback: a JDK HttpClient calls the REST endpoints of a UDL app's translation, which
 * runs the named operations of {@code library-operations.graphql} on a real graphql-java server
 * ({@link LibraryGraphqlServer}); each scenario in process and from the emitted Camel YAML ({@link TwoWayRun}).
 */
class RestToGraphqlTest {

    @TempDir
    Path workDir;
    private LibraryGraphqlServer library;
    private Path sdl;
    private Path operations;
    private int port;
    private String libraryUrl;

    @BeforeEach
    void start() throws Exception {
        sdl = workDir.resolve("library.graphqls");
        Files.copy(Path.of("src/test/resources/graphql-rest/library.graphqls"), sdl);
        operations = workDir.resolve("library-operations.graphql");
        Files.copy(Path.of("src/test/resources/graphql-rest/library-operations.graphql"), operations);
        library = new LibraryGraphqlServer(sdl);
        port = FreePort.loopback();
        libraryUrl = library.url();
    }

    @AfterEach
    void stop() {
        library.close();
    }

    private String app(String name) {
        return "udl: 8\nname: " + name + "\nsystems:\n"
                + "  api: {adapter: http, port: " + port + "}\n"
                + "  library: {adapter: graphql, url: \"" + libraryUrl + "\", schema: \"" + sdl + "\", port: " + port
                + "}\n"
                + "translations:\n  - name: library-rest\n"
                + "    expose: {system: api, protocol: rest, path: /library}\n"
                + "    target: {system: library}\n"
                + "    operations: \"" + operations + "\"\n    timeout: 5s\n";
    }

    private <T> T bothWays(TwoWayRun.Scenario<T> scenario) throws Exception {
        String name = "upt-" + UUID.randomUUID().toString().substring(0, 8);
        TwoWayRun.Outcomes<T> outcomes = TwoWayRun.run(name + ".udl.yaml", app(name), Map.of(), workDir, app -> {
            library.requests.clear();
            return scenario.run(app);
        });
        assertThat(outcomes.emitted()).as("from the emitted YAML as in process").isEqualTo(outcomes.inProcess());
        return outcomes.inProcess();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return GraphqlCaller.send(port, "POST", path, "application/json", body, headers);
    }

    @Test
    @SuppressWarnings("unchecked")
    void namedOperationsRunWithInputsEnumsListsAndNestedTypes() throws Exception {
        String input = """
                {"input": {"title": "Hyperion", "genre": "SCIFI", "tags": ["space", "pilgrims"],
                           "author": {"name": "Dan Simmons"}}}""";
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/library/Book", "{\"id\": \"1\"}", "X-Correlation-Id", "corr-rest-1",
                    "Authorization", "Bearer caller-secret")));
            out.add(answer(post("/library/Books", "{\"filter\": {\"genre\": \"POETRY\", \"tags\": [\"a\"]}}")));
            out.add(answer(post("/library/AddBook", input)));
            out.add(library.requests.stream().map(r -> r.operationName() + " " + r.variables()).toList());
            out.add(library.requests.get(0).correlationId() + " " + library.requests.get(0).authorization());
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(Map.of("status", 200, "body", StrictJson.read("""
                {"book": {"id": "1", "title": "Dune", "genre": "SCIFI", "tags": ["space"],
                          "author": {"name": "Frank Herbert"}}}""", Map.class)));
        assertThat(seen.get(1)).isEqualTo(Map.of("status", 200, "body", StrictJson.read("""
                {"books": [{"id": "2", "title": "Odes", "genre": "POETRY", "tags": [],
                            "author": {"name": "Keats"}}]}""", Map.class)));
        assertThat(seen.get(2)).isEqualTo(Map.of("status", 200, "body", StrictJson.read("""
                {"addBook": {"id": "b-Hyperion", "title": "Hyperion", "genre": "SCIFI",
                             "tags": ["space", "pilgrims"], "author": {"name": "Dan Simmons"}}}""", Map.class)));
        assertThat(seen.get(3)).as("the body is the variables, as sent").isEqualTo(List.of(
                "Book {id=1}", "Books {filter={genre=POETRY, tags=[a]}}",
                "AddBook {input={title=Hyperion, genre=SCIFI, tags=[space, pilgrims], author={name=Dan Simmons}}}"));
        assertThat(seen.get(4)).as("the correlation id is passed, the caller's Authorization is not")
                .isEqualTo("corr-rest-1 null");
    }

    @Test
    @SuppressWarnings("unchecked")
    void graphqlErrorsBecomeHttpStatuses() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/library/Partial", "{\"id\": \"2\"}")));
            out.add(answer(post("/library/Mandatory", "{}")));
            out.add(answer(post("/library/Books", "{\"filter\": \"science fiction\"}")));
            out.add(answer(post("/library/AddBook", "{\"input\": {\"title\": \"T\", \"genre\": \"WESTERN\","
                    + " \"tags\": [], \"author\": {\"name\": \"A\"}}}")));
            out.add(library.requests.size());
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        assertThat(seen.get(0)).as("partial data: 200 with data and errors").isEqualTo(Map.of("status", 200,
                "body", StrictJson.read("""
                        {"data": {"book": {"title": "Odes"}, "broken": null},
                         "errors": [{"message": "broken is out of order", "path": ["broken"],
                                     "locations": [{"line": 16, "column": 3}],
                                     "extensions": {"classification": "DataFetchingException"}}]}""", Map.class)));
        Map<?, ?> none = (Map<?, ?>) seen.get(1);
        assertThat(none.get("status")).as("no data: 502").isEqualTo(502);
        assertThat(String.valueOf(none.get("body"))).contains("mandatory is out of order");
        Map<?, ?> badId = (Map<?, ?>) seen.get(2);
        assertThat(badId.get("status")).as("the server refused the variables: 400").isEqualTo(400);
        assertThat(String.valueOf(badId.get("body"))).contains("filter");
        assertThat(((Map<?, ?>) seen.get(3)).get("status")).isEqualTo(400);
        assertThat(String.valueOf(seen.get(3))).contains("WESTERN");
        assertThat(seen.get(4)).isEqualTo(4);
        assertThat(seen.get(5)).isEqualTo(new TreeMap<>(Map.of("Partial 200", 1L, "Mandatory 502", 1L,
                "Books 400", 1L, "AddBook 400", 1L)));
    }

    @Test
    void aServerThatIsDownIs502() throws Exception {
        libraryUrl = "http://127.0.0.1:" + FreePort.loopback() + "/graphql"; // nothing listens there
        Map<String, Object> down = bothWays(app -> answer(post("/library/Book", "{\"id\": \"1\"}")));
        assertThat(down).isEqualTo(Map.of("status", 502, "body", Map.of("errors", List.of(Map.of("message",
                "the GraphQL server cannot be reached")))));
    }

    /** The translation's timer by "method status". */
    private static Map<String, Long> counts(MeterRegistry registry) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : registry.find(TranslationMetrics.TIMER).timers()) {
            assertThat(timer.getId().getTag("translation")).isEqualTo("translation-library-rest");
            counts.put(timer.getId().getTag("method") + " " + timer.getId().getTag("status"), timer.count());
        }
        return counts;
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsAreRefusedAndNeverSent() throws Exception {
        List<Object> seen = bothWays(app -> {
            List<Object> out = new ArrayList<>();
            out.add(answer(post("/library/Lend", "{\"id\": \"1\"}")));
            out.add(answer(post("/library/Book", "{\"id\": \"1\", \"copies\": 2}")));
            out.add(answer(post("/library/Book", "{}")));
            out.add(answer(post("/library/Book", "{\"id\": ")));
            out.add(answer(post("/library/Book", "[1, 2]")));
            out.add(answer(GraphqlCaller.send(port, "GET", "/library/Book", null, null)));
            out.add(answer(GraphqlCaller.send(port, "POST", "/library/Book", "text/plain", "id=1")));
            out.add(library.requests.size());
            out.add(counts(app.context().getRegistry().findSingleByType(MeterRegistry.class)));
            return out;
        });
        assertThat(seen.get(0)).isEqualTo(Map.of("status", 404, "body", Map.of("errors", List.of(Map.of(
                "message", "no operation Lend is served here", "extensions", Map.of("details", List.of(
                        "the operations: AddBook, Book, Books, Mandatory, Partial")))))));
        assertThat(seen.get(1)).isEqualTo(Map.of("status", 400, "body", Map.of("errors", List.of(Map.of(
                "message", "the variables do not fit operation Book", "extensions", Map.of("details", List.of(
                        "operation Book has no variable copies; its variables: id")))))));
        assertThat(seen.get(2)).isEqualTo(Map.of("status", 400, "body", Map.of("errors", List.of(Map.of(
                "message", "the variables do not fit operation Book", "extensions", Map.of("details", List.of(
                        "variable id of operation Book is required (ID!)")))))));
        for (int i = 3; i < 5; i++) {
            assertThat(((Map<?, ?>) seen.get(i)).get("status")).as("request %d", i).isEqualTo(400);
        }
        assertThat(((Map<?, ?>) seen.get(5)).get("status")).isEqualTo(405);
        assertThat(((Map<?, ?>) seen.get(6)).get("status")).isEqualTo(415);
        assertThat(seen.get(7)).as("nothing refused reached the GraphQL server").isEqualTo(0);
        assertThat(String.valueOf(seen)).doesNotContain("Exception").doesNotContain("at io.");
        assertThat((Map<Object, Object>) seen.get(8)).containsEntry("none 404", 1L).containsEntry("Book 405", 1L);
    }
}
