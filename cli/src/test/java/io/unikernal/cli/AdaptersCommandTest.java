package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernal.plugins.Adapters;
import io.unikernal.udl.doc.AdapterPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code unikernal adapters}: every installed adapter, one of them, and the same as JSON for tools. */
class AdaptersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEveryInstalledAdapterWithItsRolesOnALine() {
        Cli result = Cli.run("adapters");
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(Adapters.installed().all().size() + 2);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("not supported (see docs/adapters/not-supported.md): "
                + "mongodb, elasticsearch, oracle, mssql, cassandra");
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("http-client +target +Calls an HTTP service.*"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .matches("redis +target, key store, checkpoint store +Keeps the processed keys.*"));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("seda +source, target +Asynchronous.*"));
    }

    @Test
    void showsOneAdapterAsItsPage() {
        Cli result = Cli.run("adapters", "postgres");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(AdapterPage.generate(Adapters.installed().get("postgres")))
                .contains("## System options").contains("`password` | string (secret)").contains("## Example");
    }

    @Test
    void printsTheDeclarationsAsJson() throws Exception {
        Cli all = Cli.run("adapters", "--json");
        assertThat(all.exitCode()).isZero();
        List<String> names = new ArrayList<>();
        JSON.readTree(all.out()).forEach(adapter -> names.add(adapter.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(Adapters.installed().all().keySet());

        JsonNode redis = JSON.readTree(Cli.run("adapters", "redis", "--json").out());
        assertThat(redis.at("/roles/keyStore/capabilities").toString())
                .isEqualTo("[\"remote server\",\"checked at start\"]");
        JsonNode password = redis.get("systemOptions").findParents("name").stream()
                .filter(o -> o.get("name").asText().equals("password")).findFirst().orElseThrow();
        assertThat(password.get("secret").asBoolean()).isTrue();
        assertThat(redis.at("/contractCases/run").toString()).contains("key store: server restart");
        assertThat(redis.get("example").asText()).contains("adapter: redis");
    }

    @Test
    void anUnsupportedAdapterIsAnErrorThatSaysWhy() {
        Cli result = Cli.run("adapters", "sqlserver");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: mssql (Microsoft SQL Server) is not supported: A SQL Server")
                .contains("Supporting it needs a SQL Server 2022 instance in CI");
    }

    @Test
    void anUnknownAdapterIsAnErrorThatListsTheInstalledOnes() {
        Cli result = Cli.run("adapters", "kafkaa");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: no adapter 'kafkaa' is installed; installed: ")
                .contains("http-client").contains("redis");
    }
}
