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

/** What the checks find before anything runs: the SDL file's problems at the option, and fields it does not have. */
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
}
