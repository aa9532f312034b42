package io.unikernal.adapter.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the checks find before anything runs: the SDL file's problems at the option, and fields it does not have; for
 * a call, the url, the operation's syntax and its fit to the remote's schema (each with the document's line:col),
 * its operation name, and the variables expression.
 */
class GraphqlChecksTest {

    @TempDir
    Path workDir;

    private List<String> problems(String field) {
        String udl = "udl: 8\nname: app\nsystems:\n  api: {adapter: graphql, schema: api.graphqls, port: 8080}\n"
                + "routes:\n  - name: r\n    from: {system: api, field: " + field + "}\n    steps:\n      - transform: {set: {a: \"1\"}}\n";
        return new UdlParser(ProbeApps.with(new GraphqlAdapter())).parse(workDir.resolve("app.udl").toString(), udl)
                .problems().stream().map(UdlError::headline).toList();
    }

    @Test
    void aMissingSchemaFileIsReportedAtTheOption() {
        assertThat(problems("Query.order")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("app.udl:4:35: ").contains("api.graphqls does not exist").endsWith("[GRAPHQL-001]"));
    }

    @Test
    void anInvalidSchemaIsReportedWithTheSdlsLineAndColumn() throws Exception {
        Files.writeString(workDir.resolve("api.graphqls"), "type Query {\n  order(id: ID!): Order\n  oops(: String\n}\n");
        assertThat(problems("Query.order")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("app.udl:4:35: api.graphqls:3:8: ").endsWith("[GRAPHQL-001]"));
    }

    @Test
    void aSchemaThatNamesAnUndefinedTypeIsReported() throws Exception {
        Files.writeString(workDir.resolve("api.graphqls"), "type Query {\n  order(id: ID!): Order\n}\n");
        assertThat(problems("Query.order")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("api.graphqls:1:1: The field type 'Order' is not present").doesNotContain("[@").endsWith("[GRAPHQL-001]"));
    }

    @Test
    void aFieldTheSchemaDoesNotHaveIsReportedWithTheFieldsItHas() throws Exception {
        Files.writeString(workDir.resolve("api.graphqls"),
                "type Query { order(id: ID!): String }\ntype Mutation { place(item: String): String }\n");
        assertThat(problems("Query.place")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("app.udl:7:32: api.graphqls has no field Query.place").endsWith("[GRAPHQL-002]"));
        assertThat(problems("Mutation.place")).isEmpty();
        assertThat(problems("order")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("Type.field").endsWith("[UDL-036]"));
    }

    /** The problems of a route from a probe whose one step calls {@code remote} with {@code use}. */
    private List<String> callProblems(String remote, String use) {
        String udl = "udl: 8\nname: app\nsystems:\n  feed: {adapter: contract-probe}\n  remote: " + remote + "\n"
                + "routes:\n  - name: r\n    from: feed\n    steps:\n      - to: {system: remote, " + use + "}\n";
        return new UdlParser(ProbeApps.with(new GraphqlAdapter())).parse(workDir.resolve("app.udl").toString(), udl)
                .problems().stream().map(UdlError::headline).toList();
    }

    @Test
    void aCallsOperationIsParsedAndCheckedAgainstTheRemotesSchema() throws Exception {
        Files.writeString(workDir.resolve("remote.graphqls"), RemoteGraphql.SDL);
        String withSchema = "{adapter: graphql, url: \"http://127.0.0.1:4000/graphql\", schema: remote.graphqls}";
        assertThat(callProblems(withSchema, "query: \"{ order(id: 1) { id amount } }\"")).isEmpty();
        assertThat(callProblems(withSchema, "query: \"{ order(id: 1) { id colour } }\"")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("app.udl:10:37: query:1:21: Validation error")
                        .contains("Field 'colour' in type 'Order' is undefined").endsWith("[GRAPHQL-005]"));
        assertThat(callProblems(withSchema, "query: \"query Q($id: ID!) { order(id: $id) { id }\"")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("app.udl:10:37: query:1:").contains("Invalid syntax")
                        .endsWith("[GRAPHQL-005]"));
        Files.writeString(workDir.resolve("ops.graphql"), "query A { order(id: 1) { id } }\n\nmutation B {\n"
                + "  take(id: 1, n: \"two\") { id }\n}\n");
        assertThat(callProblems(withSchema, "queryFile: ops.graphql")).singleElement().satisfies(problem ->
                assertThat(problem).contains("ops.graphql has 2 operations (A, B): name the one to call with"
                        + " operationName").endsWith("[GRAPHQL-005]"));
        assertThat(callProblems(withSchema, "queryFile: ops.graphql, operationName: C")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("ops.graphql has no operation C; it has A, B"));
        assertThat(callProblems(withSchema, "queryFile: ops.graphql, operationName: B")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("ops.graphql:4:").contains("Validation error")
                        .endsWith("[GRAPHQL-005]"));
        assertThat(callProblems(withSchema, "queryFile: missing.graphql")).singleElement().satisfies(problem ->
                assertThat(problem).contains("missing.graphql does not exist").endsWith("[GRAPHQL-005]"));
    }

    @Test
    void aCallWithoutUrlOrOperationAndAServerWithoutSchemaAreReported() {
        assertThat(callProblems("{adapter: graphql, port: 8080}", "query: \"{ a }\"")).singleElement()
                .satisfies(problem -> assertThat(problem).contains("system remote is called but has no url")
                        .endsWith("[GRAPHQL-004]"));
        assertThat(callProblems("{adapter: graphql, url: \"http://127.0.0.1:4000/graphql\"}", "operationName: A"))
                .singleElement().satisfies(problem -> assertThat(problem).contains("names no operation")
                        .endsWith("[GRAPHQL-005]"));
        assertThat(callProblems("{adapter: graphql, url: \"http://127.0.0.1:4000/graphql\"}",
                "query: \"{ a }\", variables: \"{'id': \""))
                .singleElement().satisfies(problem -> assertThat(problem).contains("app.udl:10:57: expression does not parse").endsWith("[UDL-019]"));
        assertThat(callProblems("{adapter: graphql, url: \"http://user:pw@127.0.0.1:4000/graphql\"}",
                "query: \"{ a }\"")).singleElement().satisfies(problem -> assertThat(problem)
                .contains("without a query or credentials"));
        String udl = "udl: 8\nname: app\nsystems:\n  api: {adapter: graphql, port: 8080}\n"
                + "routes:\n  - name: r\n    from: {system: api, field: Query.order}\n    steps:\n"
                + "      - transform: {set: {a: \"1\"}}\n";
        assertThat(new UdlParser(ProbeApps.with(new GraphqlAdapter())).parse(workDir.resolve("app.udl").toString(),
                udl).problems().stream().map(UdlError::headline).toList()).singleElement().satisfies(problem ->
                assertThat(problem).contains("system api serves Query.order but has no schema")
                        .endsWith("[GRAPHQL-003]"));
    }
}
