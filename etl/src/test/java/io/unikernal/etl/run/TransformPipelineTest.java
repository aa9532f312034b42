package io.unikernal.etl.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.model.UdlDocument;
import io.unikernal.udl.parse.UdlParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** transform: steps in pipelines from CSV files into the machine's PostgreSQL, end to end. */
class TransformPipelineTest extends PostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSummary run(String udl) throws Exception {
        Path file = dir.resolve("app.udl");
        Files.writeString(file, udl);
        UdlDocument doc = new UdlParser(Adapters.installed()).load(file);
        try (PipelineApp app = PipelineApp.start(doc, dir)) {
            return app.run("load", Progress.NONE);
        }
    }

    private String pipeline(String systems, String table, String transform) {
        return systems + "pipelines:\n  - name: load\n    source: {adapter: file, path: in.csv}\n"
                + "    transform:\n" + transform + "    target: {system: db, table: " + table + "}\n"
                + "    rejects: {threshold: 100}\n";
    }

    private List<JsonNode> rejects() throws Exception {
        return Files.readAllLines(dir.resolve("load.rejects.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void convertSetAndFilterTypeComputeAndDropRecordsAndABadValueIsRejectedWithItsReason() throws Exception {
        String table = pg.table("etl_set", "id int primary key, first text, last text, full_name text, age int,"
                + " adult boolean");
        Files.writeString(dir.resolve("in.csv"), "id,first,last,age\n1,Ada,Lovelace,36\n2,Tim,Young,12\n"
                + "3,Bad,Age,x\n4,Alan,Turing,41\n");
        RunSummary summary = run(pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - convert: {id: long, age: long}\n"
                        + "      - set: {full_name: \"first + ' ' + last\", adult: \"age >= 18\"}\n"
                        + "      - filter: \"age > 18\"\n"));
        assertThat(pg.rows("SELECT id, full_name, age, adult FROM " + table + " ORDER BY id")).containsExactly(
                List.of("1", "Ada Lovelace", "36", "t"), List.of("4", "Alan Turing", "41", "t"));
        assertThat(summary.read()).isEqualTo(4);
        assertThat(summary.written()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(1);
        List<JsonNode> rejects = rejects();
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.get("reason").asText()).isEqualTo("field age: 'x' is no integer (long)");
            assertThat(r.get("position").asText()).endsWith("in.csv:4");
            assertThat(r.get("row").toString()).isEqualTo("[\"3\",\"Bad\",\"Age\",\"x\"]");
        });
    }

    @Test
    void aMapKeepsOnlyItsFieldsAndAnExpressionThatFailsRejectsItsRecord() throws Exception {
        String table = pg.table("etl_map", "id int primary key, ratio float8");
        Files.writeString(dir.resolve("in.csv"), "id,a,b\n1,6,3\n2,1,0\n3,9,3\n");
        RunSummary summary = run(pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - convert: {id: long, a: long, b: long}\n"
                        + "      - map: {id: id, ratio: \"a / b\"}\n"));
        assertThat(pg.rows("SELECT id, ratio FROM " + table + " ORDER BY id")).containsExactly(
                List.of("1", "2"), List.of("3", "3"));
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(rejects().get(0).get("reason").asText()).startsWith("map at " + dir.resolve("app.udl") + ":10:").contains("a / b")
                .contains("zero");
    }

    @Test
    void anExpressionOnAFieldTheRecordsLackStopsTheRunBeforeAnyRowWithTheStepsPlace() throws Exception {
        String table = pg.table("etl_nofield", "id int");
        Files.writeString(dir.resolve("in.csv"), "id,age\n1,2\n");
        assertThatThrownBy(() -> run(pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - filter: \"agee > 1\"\n"))).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("filter at " + dir.resolve("app.udl") + ":9:17").hasMessageContaining("'agee'")
                .hasMessageContaining("did you mean 'age'");
        assertThatThrownBy(() -> run(pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - filter: \"age > 1\"\n"))).isInstanceOf(PipelineFailure.class)
                .hasMessageContaining("convert them first");
        assertThat(pg.count("SELECT count(*) FROM " + table)).isZero();
    }

    @Test
    void anAggregateGroupsTheWholeFileWithCountSumAvgMinAndMax() throws Exception {
        String table = pg.table("etl_agg", "region text primary key, n int, total numeric, mean numeric,"
                + " lo numeric, hi numeric");
        Files.writeString(dir.resolve("in.csv"), "region,amount\neu,10\nus,5\neu,2.5\nus,\neu,x\nasia,7\n");
        String udl = pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - aggregate: {by: [region], count: n, sum: {total: amount}, avg: {mean: amount},"
                        + " min: {lo: amount}, max: {hi: amount}}\n");
        RunSummary summary = run(udl);
        assertThat(pg.rows("SELECT region, n, total, mean, lo, hi FROM " + table + " ORDER BY region"))
                .containsExactly(List.of("asia", "1", "7", "7", "7", "7"),
                        List.of("eu", "2", "12.5", "6.25", "2.5", "10"),
                        Arrays.asList("us", "2", "5", "5", "5", "5"));
        assertThat(summary.rejected()).as("'x' is no number: its record counts nowhere").isEqualTo(1);
        assertThat(summary.written()).isEqualTo(3);
        RunSummary again = run(udl);
        assertThat(again.read()).as("a finished file aggregated once adds nothing").isZero();
        assertThat(pg.count("SELECT count(*) FROM " + table)).isEqualTo(3);
    }

    @Test
    void aLookupJoinAddsTheRowsColumnsAndAMissingKeyIsRejectedWhenAsked() throws Exception {
        String regions = pg.table("etl_regions", "id int primary key, name text, vat numeric(4,2)");
        pg.execute("INSERT INTO " + regions + " VALUES (1, 'Europe', 0.20), (2, 'Americas', 0.07)");
        String table = pg.table("etl_joined", "id int primary key, region_id int, name text, vat numeric(4,2)");
        Files.writeString(dir.resolve("in.csv"), "id,region_id\n1,1\n2,2\n3,1\n4,9\n5,x\n");
        RunSummary summary = run(pipeline(Pg.udlSystems(pg.app("etl")), table,
                "      - lookup: {system: db, table: " + regions + ", on: {region_id: id}, fields: [name, vat],"
                        + " missing: reject, cache: 10}\n"));
        assertThat(pg.rows("SELECT id, region_id, name, vat FROM " + table + " ORDER BY id")).containsExactly(
                List.of("1", "1", "Europe", "0.20"), List.of("2", "2", "Americas", "0.07"),
                List.of("3", "1", "Europe", "0.20"));
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(rejects()).extracting(r -> r.get("reason").asText()).containsExactly(
                "lookup at " + dir.resolve("app.udl") + ":9:17: no row of " + regions + " has [id] = [9]",
                "lookup at " + dir.resolve("app.udl") + ":9:17: key 'x' is no number, as its column is");
    }

    @Test
    void enrichCallsAUdlSystemPerRecordThroughItsAdapterAndCachesRepliesByKey() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/score", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String id = body.get("id").asText();
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            byte[] reply = ("{\"score\": " + Long.parseLong(id) * 10 + ", \"other\": 1}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(id.equals("7") ? 500 : 200, id.equals("7") ? -1 : reply.length);
            if (!id.equals("7")) {
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        server.start();
        try {
            String table = pg.table("etl_enrich", "line int primary key, id int, score int");
            Files.writeString(dir.resolve("in.csv"), "line,id\n1,1\n2,2\n3,1\n4,1\n5,7\n");
            String systems = Pg.udlSystems(pg.app("etl")) + "  scoring: {adapter: http-client, url: \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "\"}\n";
            RunSummary summary = run(pipeline(systems, table, "      - enrich: {system: scoring, with: {path: /score},"
                    + " fields: [score], key: id}\n"));
            assertThat(pg.rows("SELECT line, id, score FROM " + table + " ORDER BY line")).containsExactly(
                    List.of("1", "1", "10"), List.of("2", "2", "20"), List.of("3", "1", "10"),
                    List.of("4", "1", "10"));
            assertThat(calls.get("1").get()).as("id 1's reply is cached by its key").isEqualTo(1);
            assertThat(calls.get("2").get()).isEqualTo(1);
            assertThat(summary.rejected()).isEqualTo(1);
            assertThat(rejects().get(0).get("reason").asText()).startsWith("enrich at " + dir.resolve("app.udl") + ":")
                    .contains("the call to system scoring failed");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theStepsRunTheSameFromTheEmittedCamelYaml() throws Exception {
        String table = pg.table("etl_yaml", "id int primary key, label text");
        Files.writeString(dir.resolve("in.csv"), "id,name\n1,a\n2,b\n3,c\n");
        String name = pg.app("etl");
        String udl = Pg.udlSystems(name) + "pipelines:\n  - name: load\n"
                + "    source: {adapter: file, path: in.csv}\n    transform:\n"
                + "      - convert: {id: long}\n      - filter: \"id != 2\"\n"
                + "      - map: {id: id, label: \"'{' + name + '}'\"}\n"
                + "    target: {system: db, table: " + table + ", mode: upsert, key: id}\n";
        io.unikernal.udl.testing.TwoWayRun.Outcomes<Object> outcomes = io.unikernal.udl.testing.TwoWayRun.run(
                "app.udl", udl, Map.of(), dir, app -> {
                    // each way loads the file from its start: no rows, no checkpoint
                    pg.execute("DELETE FROM " + table);
                    pg.execute("DELETE FROM UNIKERNAL_CHECKPOINT WHERE namespace = '" + name + "/load'");
                    app.context().createProducerTemplate().requestBody("direct:pipeline-load", (Object) "");
                    return pg.rows("SELECT id, label FROM " + table + " ORDER BY id");
                });
        assertThat(outcomes.inProcess()).isEqualTo(List.of(List.of("1", "{a}"), List.of("3", "{c}")));
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }
}
