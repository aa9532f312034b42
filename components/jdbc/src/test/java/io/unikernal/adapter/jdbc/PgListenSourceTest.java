package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.runtime.UdlRuntime;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.testkit.probe.Probes;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL LISTEN/NOTIFY as a source on the machine's PostgreSQL: a JSON payload is the parsed object, any other
 * payload its text; after the listening backend is terminated (pg_terminate_backend) the source listens again by
 * itself and later notifications arrive; the same app runs from its emitted YAML on plain Camel Main.
 */
class PgListenSourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    private final String channel = "uk_ch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String app = "listen-" + channel.replace('_', '-');

    private String udl() {
        return "udl: 8\nname: " + app + "\nsystems:\n  pg: " + PostgresDatabases.machine().system()
                + "\n  seen: {adapter: " + ProbeAdapter.NAME + "}\nroutes:\n  - name: listen\n    from: {system: pg,"
                + " channel: " + channel + "}\n    steps:\n      - to: seen\n";
    }

    private UdlRuntime start() throws Exception {
        Probes.forget(app);
        return UdlRuntime.start(ProbeApps.compile(app, udl(), workDir), Map.of());
    }

    private List<Object> bodies() {
        return Probes.recorded(app, "seen").stream().map(Probes.Record::body).toList();
    }

    private static Connection connect() throws Exception {
        return PostgresDatabases.machine().connect();
    }

    private void notify(String payload) throws Exception {
        try (Connection c = connect(); PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, payload);
            notify.executeQuery().close();
        }
    }

    /** The backend that listens on the channel, once it does; 0 while none. */
    private int listener() throws Exception {
        try (Connection c = connect(); PreparedStatement find = c.prepareStatement("select pid from pg_stat_activity"
                + " where application_name = ? and state = 'idle' and query = ?")) {
            find.setString(1, "unikernal pg-listen " + channel);
            find.setString(2, "LISTEN " + channel);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    @Test
    void notificationsArriveAsJsonOrTextAndAgainAfterTheListeningBackendIsTerminated() throws Exception {
        try (UdlRuntime running = start()) {
            Awaitility.await("the source listening").atMost(PATIENCE).until(() -> listener() != 0);
            notify("{\"id\":\"a1\",\"n\":1}");
            notify("plain text, not JSON");
            Awaitility.await("two notifications").atMost(PATIENCE).until(() -> bodies().size() == 2);
            assertThat(bodies().get(0)).as("a JSON payload, parsed").isEqualTo(Map.of("id", "a1", "n", 1L));
            assertThat(bodies().get(1)).as("any other payload, as text").isEqualTo("plain text, not JSON");
            assertThat(Probes.recorded(app, "seen").get(0).headers()).containsEntry("UdmSource", "pg");

            int terminated = listener();
            try (Connection c = connect(); PreparedStatement kill = c.prepareStatement(
                    "select pg_terminate_backend(?)")) {
                kill.setInt(1, terminated);
                kill.executeQuery().close();
            }
            Awaitility.await("listening again on a new backend").atMost(PATIENCE)
                    .until(() -> listener() != 0 && listener() != terminated);
            notify("{\"id\":\"a2\",\"n\":2}");
            Awaitility.await("the notification after the reconnect").atMost(PATIENCE)
                    .until(() -> bodies().size() == 3);
            assertThat(bodies().get(2)).isEqualTo(Map.of("id", "a2", "n", 2L));
        }
    }

    @Test
    void theSameFromTheEmittedYamlOnPlainCamelMain() throws Exception {
        Adapters adapters = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));
        TwoWayRun.Outcomes<Object> outcomes = TwoWayRun.run(app + ".udl.yaml", udl(), adapters, Map.of(), workDir,
                running -> {
                    Probes.forget(app);
                    Awaitility.await("the source listening").atMost(PATIENCE).until(() -> listener() != 0);
                    notify("{\"id\":\"y1\"}");
                    Awaitility.await("the notification").atMost(PATIENCE).until(() -> bodies().size() == 1);
                    return bodies().get(0);
                });
        assertThat(outcomes.inProcess()).isEqualTo(Map.of("id", "y1"));
        assertThat(outcomes.emitted()).as("from the emitted YAML").isEqualTo(outcomes.inProcess());
    }
}
