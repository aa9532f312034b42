package io.unikernal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.compile.CamelYamlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {

    static final Path QUICKSTART = Path.of("../examples/quickstart/orders.udl.yaml");

    @TempDir
    Path tmp;

    @Test
    void validateAcceptsTheQuickstartAndSaysWhatItHolds() {
        Cli result = Cli.run("validate", QUICKSTART.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ok (3 systems, 3 routes, 3 tests)");
    }

    @Test
    void validatePrintsEveryErrorWithItsPositionAndExitsOne() throws Exception {
        Path bad = tmp.resolve("bad.udl.yaml");
        Files.writeString(bad, """
                udl: 8
                name: bad
                systems:
                  db: {adapter: jdbc}
                routes:
                  - name: r
                    from: dbb
                    steps:
                      - to: db
                      - frobnicate: true
                """);
        Cli result = Cli.run("validate", bad.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(bad + ":7:11: ").contains("did you mean 'db'?")
                .contains(bad + ":10:9: ");
    }

    @Test
    void aLiteralSecretIsAnErrorForEveryCommandUnlessTheDevelopmentFlagIsGiven() throws Exception {
        Path literal = tmp.resolve("literal.udl.yaml");
        Files.writeString(literal, """
                udl: 8
                name: literal
                systems:
                  db: {adapter: postgres, password: hunter22}
                  tick: {adapter: timer}
                routes:
                  - name: r
                    from: tick
                    steps: [{to: {system: db, sql: "select 1"}}]
                """);
        String error = literal + ":4:37: option 'password' of system 'db' holds a literal secret [UDL-033]";
        for (String[] command : new String[][] {{"validate"}, {"compile", "-o", tmp.resolve("out").toString()},
                {"test"}, {"run"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of(literal.toString())).toArray(String[]::new);
            Cli refused = Cli.run(args);
            assertThat(refused.exitCode()).as(command[0]).isEqualTo(1);
            assertThat(refused.err()).as(command[0]).contains(error).contains("--allow-literal-secrets")
                    .doesNotContain("warning:");
        }
        assertThat(tmp.resolve("out")).doesNotExist();

        Cli allowed = Cli.run("validate", "--allow-literal-secrets", literal.toString());
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.err()).contains(literal + ":4:37: warning: option 'password' of system 'db' holds a "
                + "literal secret [UDL-033]");
        Cli compiled = Cli.run("compile", "--allow-literal-secrets", "-o", tmp.resolve("out").toString(),
                literal.toString());
        assertThat(compiled.exitCode()).isZero();
        assertThat(Cli.run("test", "--allow-literal-secrets", literal.toString()).exitCode()).isZero();
    }

    @Test
    void aFileNameMayNotReachTheEnvironmentOrACredentialHeader() throws Exception {
        Path leaky = tmp.resolve("filename.udl.yaml");
        Files.writeString(leaky, """
                udl: 8
                name: filename
                systems:
                  tick: {adapter: timer}
                  out:  {adapter: file, directory: /tmp/out}
                routes:
                  - name: r
                    from: tick
                    steps:
                      - to: {system: out, fileName: "${sysenv.DB_PASSWORD}.json"}
                      - to: {system: out, fileName: "${header.Authorization}-${exchangeId}.json"}
                      - to: {system: out, fileName: "${date:now:yyyyMMdd}-${exchangeId}.json"}
                """);
        Cli result = Cli.run("validate", leaky.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().filter(l -> l.contains("[UDL-")).toList()).containsExactly(
                leaky + ":10:37: option 'fileName' of system 'out': '${sysenv.DB_PASSWORD}' reads the process "
                        + "environment around the secret masking [UDL-050]",
                leaky + ":11:37: option 'fileName' of system 'out': '${header.Authorization}' prints the caller's "
                        + "credential header 'Authorization' [UDL-050]");
    }

    @Test
    void validateReportsAMissingFile() {
        Cli result = Cli.run("validate", tmp.resolve("nope.udl.yaml").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("nope.udl.yaml: no such file");
    }

    @Test
    void compileWritesCamelYamlThatConformsToCamelsSchemaAndKeepsSecretsOut() throws Exception {
        Path udl = tmp.resolve("app.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: secretive
                systems:
                  api: {adapter: http, port: 18123}
                  db:  {adapter: postgres, url: "${env:PG_URL:jdbc:postgresql://127.0.0.1:5432/postgres}", password: "${secret:PG_PASSWORD}"}
                routes:
                  - name: save
                    from: {system: api, method: POST, path: /save}
                    steps:
                      - to: {system: db, sql: "select 1 as one"}
                """);
        Path out = tmp.resolve("out");
        Cli result = Cli.run("compile", udl.toString(), "-o", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        String yaml = Files.readString(out.resolve("secretive.camel.yaml"));
        assertThat(CamelYamlSchema.violations(yaml)).isEmpty();
        assertThat(yaml).contains("{{secret:PG_PASSWORD}}").contains("{{env:PG_URL:jdbc:postgresql://127.0.0.1:5432/postgres}}")
                .doesNotContain("${secret");
        assertThat(Files.readString(out.resolve("application.properties")))
                .contains("camel.server.port = 18123").contains("camel.server.host = 127.0.0.1");
    }

    @Test
    void compileRefusesAnInvalidFileAndWritesNothing() throws Exception {
        Path udl = tmp.resolve("broken.udl.yaml");
        Files.writeString(udl, "udl: 7\nname: x\n");
        Path out = tmp.resolve("out");
        Cli result = Cli.run("compile", udl.toString(), "-o", out.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains(udl + ":1:6: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void testRunsTheQuickstartCases() {
        Cli result = Cli.run("test", QUICKSTART.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("PASS a valid order is priced and stored").contains("3 passed, 0 failed");
    }

    @Test
    void testFailsWithTheDifferenceWhenAnExpectationIsWrong() throws Exception {
        Path udl = tmp.resolve("t.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: wrong
                systems:
                  api: {adapter: http}
                routes:
                  - name: double
                    from: api
                    steps:
                      - transform: {set: {twice: "n * 2"}}
                    reply: {body: "{'twice': twice}"}
                tests:
                  - name: doubles
                    route: double
                    input: {body: {n: 21}}
                    expect: {status: 200, body: {twice: 42}}
                  - name: wrong on purpose
                    route: double
                    input: {body: {n: 1}}
                    expect: {body: {twice: 3}}
                """);
        Cli result = Cli.run("test", udl.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("PASS doubles").contains("FAIL wrong on purpose")
                .contains("body $.twice: expected 3 but was 2").contains("1 passed, 1 failed");
    }

    /** Under test no system is started: the keys of an idempotent route live in memory, not in its (absent) store. */
    @Test
    void testRunsAnIdempotentRouteWithoutItsStore() throws Exception {
        Path udl = tmp.resolve("once.udl.yaml");
        Files.writeString(udl, """
                udl: 8
                name: once
                systems:
                  api: {adapter: http}
                  cache: {adapter: redis, port: 1}
                routes:
                  - name: pay
                    from: api
                    policy:
                      idempotency: {key: "id", store: cache}
                    steps:
                      - transform: {set: {paid: "true"}}
                tests:
                  - name: pays
                    route: pay
                    input: {body: {id: "p-1"}}
                    expect: {status: 200, body: {id: "p-1", paid: true}}
                """);
        Cli result = Cli.run("test", udl.toString());
        assertThat(result.out()).contains("PASS pays").contains("1 passed, 0 failed");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void versionNamesCamelAndJava() {
        Cli result = Cli.run("version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Unikernal").contains("Apache Camel 4.14.0").contains("Java 17");
    }

    @Test
    void helpListsEveryCommand() {
        Cli result = Cli.run("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run").contains("compile").contains("validate").contains("test")
                .contains("version");
    }

    @Test
    void runRefusesAPortThatIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli result = Cli.run("run", QUICKSTART.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
        }
    }

    @Test
    void runRefusesAPortForAnAppThatListensOnNone() throws Exception {
        Path udl = tmp.resolve("ticker.udl.yaml");
        java.nio.file.Files.writeString(udl, """
                udl: 8
                name: ticker
                systems:
                  tick: {adapter: timer, period: 1h}
                  out:  {adapter: log}
                routes:
                  - name: tick
                    from: tick
                    steps:
                      - to: out
                """);
        Cli result = Cli.run("run", udl.toString(), "--port", "8089", "--management-port", "0");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("error: --port: app 'ticker' listens on no port to move; leave"
                + " out --port");
    }
}
