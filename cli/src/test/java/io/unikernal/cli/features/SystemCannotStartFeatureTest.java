package io.unikernal.cli.features;

import io.unikernal.testkit.http.Http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.plugins.Adapters;
import io.unikernal.cli.UnikernalCli;
import io.unikernal.compile.CompileOptions;
import io.unikernal.compile.YamlEmitter;
import io.unikernal.compile.UdlCompiler;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.runtime.health.SystemStartException;
import io.unikernal.testkit.server.PrivatePostgres;
import io.unikernal.udl.parse.UdlParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A system that is configured wrong — a wrong password, an unknown host, a database or user that does not exist, an
 * init script that fails, a port another process holds — fails {@code unikernal run} (exit 1) with one line naming the
 * system and the cause, and no Java exception text; the emitted YAML on plain Camel Main fails its start with the same
 * line. Retrying could not help, so nothing is retried.
 */
class SystemCannotStartFeatureTest {

    private static final String PG_PASSWORD = "pw-" + UUID.randomUUID();
    private static PrivatePostgres postgres;

    @TempDir
    Path tmp;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @BeforeAll
    static void startPostgres() {
        postgres = PrivatePostgres.create(PG_PASSWORD);
        postgres.start();
    }

    @AfterAll
    static void removePostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private String app(int port, String system) {
        return """
                udl: 8
                name: misconfigured
                systems:
                  api: {adapter: http, port: %d}
                  %s
                routes:
                  - name: add
                    from: {system: api, method: POST, path: /items}
                    steps:
                      - to: {system: db, sql: "select 1 as one"}
                """.formatted(port, system);
    }

    @Test
    void aWrongPasswordFailsTheRunWithOneLineNamingTheSystem() throws Exception {
        String secret = "UK_WRONG_PG_" + suffix;
        System.setProperty("unikernal.secret." + secret, "not-" + PG_PASSWORD);
        try {
            assertCannotStart(app(Http.freePort(), "db: {adapter: postgres, url: \"" + postgres.url("postgres")
                    + "\", user: postgres, password: \"${secret:" + secret + "}\"}"),
                    "system db (postgres) cannot start: password authentication failed for user \"postgres\""
                            + " — check the user and password");
        } finally {
            System.clearProperty("unikernal.secret." + secret);
        }
    }

    @Test
    void anUnknownHostFailsTheRunWithOneLine() throws Exception {
        assertCannotStart(app(Http.freePort(),
                "db: {adapter: postgres, url: \"jdbc:postgresql://no-such-host.invalid:5432/postgres\"}"),
                "system db (postgres) cannot start: unknown host no-such-host.invalid — check the host name");
    }

    @Test
    void aDatabaseOrUserThatDoesNotExistFailsTheRunWithOneLine() throws Exception {
        String database = "uk_no_db_" + suffix;
        assertCannotStart(app(Http.freePort(),
                "db: {adapter: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/" + database + "\"}"),
                "system db (postgres) cannot start: database \"" + database + "\" does not exist"
                        + " — check the database name in the url");
        String role = "uk_no_role_" + suffix;
        assertCannotStart(app(Http.freePort(), "db: {adapter: postgres, user: " + role + "}"),
                "system db (postgres) cannot start: role \"" + role + "\" does not exist"
                        + " — check the user and password");
    }

    @Test
    void anInitScriptThatFailsFailsTheRunWithOneLine() throws Exception {
        Files.writeString(tmp.resolve("broken.sql"), "create tabel items (id int);\n");
        assertCannotStart(app(Http.freePort(), "db: {adapter: jdbc, init: broken.sql}"),
                "system db (jdbc) cannot start: the init SQL failed: Syntax error in SQL statement");
    }

    @Test
    void aWrongRedisPasswordFailsTheRunWithOneLine() throws Exception {
        String secret = "UK_WRONG_REDIS_" + suffix;
        System.setProperty("unikernal.secret." + secret, "wrong-" + suffix);
        try {
            assertCannotStart("""
                    udl: 8
                    name: misconfigured
                    systems:
                      api:   {adapter: http, port: %d}
                      cache: {adapter: redis, user: uk-nobody-%s, password: "${secret:%s}"}
                    routes:
                      - name: pay
                        from: {system: api, method: POST, path: /pay}
                        policy:
                          idempotency: {key: "id", store: cache}
                        steps:
                          - transform: {set: {paid: "true"}}
                        reply: {status: 201}
                    """.formatted(Http.freePort(), suffix, secret),
                    "system cache (redis) cannot start: WRONGPASS invalid username-password pair or user is disabled."
                            + " — check the user and password");
        } finally {
            System.clearProperty("unikernal.secret." + secret);
        }
    }

    @Test
    void anHttpPortInUseFailsTheRunWithOneLineNamingTheSystemAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertCannotStart("""
                    udl: 8
                    name: misconfigured
                    systems:
                      api: {adapter: http, port: %d}
                    routes:
                      - name: hello
                        from: {system: api, method: GET, path: /hello}
                        reply: {body: "{'hello': 'world'}"}
                    """.formatted(port), "system api (http) cannot start: cannot serve HTTP on 127.0.0.1:" + port);
        }
    }

    /**
     * {@code unikernal run} ends with exit code 1 and exactly one line that starts with the expected text, and the
     * emitted YAML's start on plain Camel Main fails with that line.
     */
    private void assertCannotStart(String udl, String expected) throws Exception {
        Path file = tmp.resolve("misconfigured-" + UUID.randomUUID() + ".udl.yaml");
        Files.writeString(file, udl);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        // run blocks while the app runs: a start that wrongly succeeds must fail the test, not hang it
        Thread run = new Thread(() -> {
            var cli = UnikernalCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit.set(cli.execute("run", "--management-port", "0", file.toString()));
        }, "unikernal-run-" + file.getFileName());
        run.setDaemon(true);
        run.start();
        Awaitility.await("unikernal run ends").atMost(2, TimeUnit.MINUTES).until(() -> !run.isAlive());
        assertThat(exit.get()).as(out + "\n" + err).isEqualTo(1);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).as(out + "\n" + err).singleElement().asString().startsWith("error: " + expected)
                .doesNotContain("Exception").doesNotContain(PG_PASSWORD);
        String line = lines.get(0).substring("error: ".length());

        Adapters adapters = Adapters.installed();
        Path emitted = tmp.resolve("emitted-" + UUID.randomUUID());
        YamlEmitter.write(new UdlCompiler(adapters).compile(new UdlParser(adapters).load(file), tmp,
                CompileOptions.DEFAULT), emitted);
        assertThatThrownBy(() -> UdlRuntime.startEmitted(emitted, Map.of()).close())
                .satisfies(e -> assertThat(rootStartFailure(e)).as("the cause of %s", e).isNotNull()
                        .extracting(Throwable::getMessage).isEqualTo(line));
    }

    private static SystemStartException rootStartFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SystemStartException start) {
                return start;
            }
        }
        return null;
    }
}
