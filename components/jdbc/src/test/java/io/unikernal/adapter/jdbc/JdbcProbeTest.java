package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unikernal.runtime.health.ProbeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jdbc probe's verdicts against real peers — the machine's PostgreSQL, a closed port, a peer of another protocol,
 * an embedded H2 — and the data source's start: nothing connects before the first use, the init SQL runs once.
 */
class JdbcProbeTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<UdlDataSource> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(UdlDataSource::close);
    }

    private UdlDataSource dataSource(String url, String user, String initSql) {
        UdlDataSource dataSource = new UdlDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPoolName("probe-test-" + suffix);
        dataSource.setInitSql(initSql);
        opened.add(dataSource);
        return dataSource;
    }

    private ProbeResult probe(UdlDataSource dataSource) {
        JdbcProbe probe = new JdbcProbe();
        probe.setSystem("db");
        probe.setAdapter("postgres");
        probe.setDataSource(dataSource);
        return probe.check();
    }

    @Test
    void aServerThatIsNotThereIsDownForNowAndNoPoolStartsMeanwhile() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        UdlDataSource dataSource = dataSource("jdbc:postgresql://127.0.0.1:" + closed + "/postgres", "postgres", null);
        ProbeResult result = probe(dataSource);
        assertThat(result.status()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(result.cause()).startsWith("Connection to 127.0.0.1:" + closed + " refused");
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("refused");
        assertThat(dataSource.getHikariPoolMXBean()).as("no pool (whose wait would be 30 s per call)").isNull();
    }

    @Test
    void aWrongConfigurationIsPermanentAndSaysWhatToCheck() throws Exception {
        List<String> seen = new ArrayList<>();
        for (UdlDataSource dataSource : List.of(
                dataSource(PG + "uk_no_db_" + suffix, "postgres", null),
                dataSource(PG + "postgres", "uk_no_role_" + suffix, null),
                dataSource("jdbc:postgresql://no-such-host.invalid:5432/postgres", "postgres", null))) {
            ProbeResult result = probe(dataSource);
            assertThat(result.isPermanent()).as(result.toString()).isTrue();
            seen.add(result.describe());
        }
        assertThat(seen).containsExactly(
                "database \"uk_no_db_" + suffix + "\" does not exist — check the database name in the url",
                "role \"uk_no_role_" + suffix + "\" does not exist — check the user and password",
                "unknown host no-such-host.invalid — check the host name");
    }

    /** MariaDB (the machine's server, Connector/J): the same verdicts, by the SQLState classes and MariaDB's codes. */
    @Test
    void mariaDbWrongPasswordOrDatabaseIsPermanentAndARefusedConnectionTransient() throws Exception {
        UdlDataSource wrongPassword = dataSource(MariaDbDatabases.MACHINE, "root", null);
        wrongPassword.setPassword("not-the-password-" + suffix);
        ProbeResult denied = probe(wrongPassword);
        assertThat(denied.isPermanent()).as(denied.toString()).isTrue();
        assertThat(denied.describe()).startsWith("Access denied for user 'root'@")
                .endsWith("(using password: YES) — check the user and password");

        ProbeResult noDatabase = probe(dataSource("jdbc:mariadb://127.0.0.1:3306/uk_no_db_" + suffix, "root", null));
        assertThat(noDatabase.isPermanent()).as(noDatabase.toString()).isTrue();
        assertThat(noDatabase.describe()).isEqualTo("Unknown database 'uk_no_db_" + suffix
                + "' — check the database name in the url");

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        UdlDataSource refused = dataSource("jdbc:mariadb://127.0.0.1:" + closed + "/test", "root", null);
        ProbeResult down = probe(refused);
        assertThat(down.status()).as(down.toString()).isEqualTo(ProbeResult.Status.DOWN_TRANSIENT);
        assertThat(down.cause()).contains("Connection refused").doesNotContain("\n");
        assertThat(refused.getHikariPoolMXBean()).as("no pool meanwhile").isNull();

        assertThat(probe(dataSource(MariaDbDatabases.MACHINE, "root", "create table if not exists uk_probe_" + suffix
                + " (id int);\ndrop table uk_probe_" + suffix + ";\n"))).isEqualTo(ProbeResult.up());
    }

    /** SQLite: a file that cannot be made (its folder is not there) is permanent; a file that can is up. */
    @Test
    void sqliteFileThatCannotBeOpenedIsPermanent() throws Exception {
        ProbeResult missing = probe(dataSource("jdbc:sqlite:target/no-such-folder-" + suffix + "/app.db", null, null));
        assertThat(missing.isPermanent()).as(missing.toString()).isTrue();
        assertThat(missing.describe()).isEqualTo("the SQLite database file cannot be opened — check the file path in"
                + " the url: its folder must exist and be writable");
        assertThat(probe(dataSource("jdbc:sqlite:target/probe-" + suffix + ".db", null, null)))
                .isEqualTo(ProbeResult.up());
    }

    /** A port where another protocol answers (here a peer that speaks HTTP) is not a database: permanent. */
    @Test
    void anotherProtocolOnThePortIsPermanent() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread answering = new Thread(() -> answerHttp(peer), "http-peer");
            answering.setDaemon(true);
            answering.start();
            ProbeResult result = probe(dataSource("jdbc:postgresql://127.0.0.1:" + peer.getLocalPort() + "/postgres",
                    "postgres", null));
            assertThat(result.isPermanent()).as(result.toString()).isTrue();
            assertThat(result.fix()).isEqualTo("check that the url's host and port are the database's");
        }
    }

    @Test
    void theInitSqlRunsOnceOnTheFirstSuccessAndAScriptThatFailsIsPermanent() throws Exception {
        String url = "jdbc:h2:mem:probe-" + suffix + ";DATABASE_TO_LOWER=TRUE";
        UdlDataSource dataSource = dataSource(url, "sa", "create table items (id int);\ninsert into items values (1);\n");
        assertThat(dataSource.getHikariPoolMXBean()).as("nothing at bean creation").isNull();
        assertThat(probe(dataSource)).isEqualTo(ProbeResult.up());
        assertThat(probe(dataSource)).as("a second run of the script would fail: it ran once").isEqualTo(ProbeResult.up());
        try (Connection c = dataSource.getConnection();
                var rows = c.createStatement().executeQuery("select count(*) from items")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }

        ProbeResult broken = probe(dataSource("jdbc:h2:mem:broken-" + suffix, "sa", "create tabel items (id int);\n"));
        assertThat(broken.isPermanent()).isTrue();
        assertThat(broken.cause()).startsWith("the init SQL failed: Syntax error in SQL statement").doesNotContain("\n");
        assertThat(broken.fix()).isEqualTo("fix the system's init script");
    }

    private static void answerHttp(ServerSocket peer) {
        while (!peer.isClosed()) {
            try (Socket caller = peer.accept(); OutputStream out = caller.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
