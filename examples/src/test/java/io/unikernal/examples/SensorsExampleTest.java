package io.unikernal.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udl.testing.TwoWayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sensors against the machine's Mosquitto and PostgreSQL, in process and from the compiled YAML: readings
 * published at QoS 1 are stored, an invalid one is kept in the rejects folder with the reason. The machine's servers
 * outlive the run, so the test runs the example's own file with its topic and table renamed for this run only.
 */
class SensorsExampleTest {

    private static final Path EXAMPLE = Path.of("sensors");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path tmp;

    private final String run = "uk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String table = "readings_" + run;

    @AfterEach
    void dropTable() throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
        }
    }

    @Test
    void readingsAreStoredAndAnInvalidOneIsRejectedWithTheReason() throws Exception {
        Path rejects = tmp.resolve("rejects");
        Path udl = tmp.resolve("readings.udl.yaml");
        Files.writeString(udl, read("readings.udl.yaml").replace("sensors/+/temperature", run + "/+/temperature")
                .replace("readings(", table + "(").replace("directory: rejects", "directory: \"" + rejects + "\"")
                .replace("name: sensor-readings", "name: sensor-readings-" + run));
        Files.writeString(tmp.resolve("readings.sql"), read("readings.sql").replace("readings (", table + " ("));

        List<Integer> round = new ArrayList<>();
        TwoWayRun.Outcomes<List<Object>> outcomes = TwoWayRun.run(udl, Map.of(), tmp, app -> {
            int r = round.size() + 1;
            round.add(r);
            MqttClient sensor = new MqttClient("tcp://127.0.0.1:1883", run + "-sensor-" + r, new MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                sensor.connect(options);
                publish(sensor, "kitchen", "{\"sensor\": \"kitchen-" + r + "\", \"celsius\": 21.5}");
                publish(sensor, "attic", "{\"sensor\": \"attic-" + r + "\", \"celsius\": 999}");
                publish(sensor, "cellar", "{\"sensor\": \"cellar-" + r + "\", \"celsius\": 12.25}");
                sensor.disconnect();
            } finally {
                sensor.close();
            }
            Awaitility.await("the valid readings stored").atMost(Duration.ofSeconds(60))
                    .until(() -> sensors().stream().filter(s -> s.endsWith("-" + r)).count() == 2);
            Awaitility.await("the invalid reading rejected").atMost(Duration.ofSeconds(60))
                    .until(() -> rejected(rejects).size() == r);
            List<Object> seen = new ArrayList<>();
            seen.add(sensors().stream().filter(s -> s.endsWith("-" + r)).sorted().map(s -> s.replace("-" + r, ""))
                    .toList());
            String record = rejected(rejects).stream().filter(s -> s.contains("attic-" + r)).findFirst().orElse("");
            seen.add(record.contains("Reading") && record.contains("celsius"));
            return seen;
        });
        assertThat(outcomes.inProcess()).containsExactly(List.of("cellar", "kitchen"), true);
        assertThat(outcomes.emitted()).isEqualTo(outcomes.inProcess());
    }

    private static void publish(MqttClient client, String room, String json) throws Exception {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(client.getClientId().substring(0, client.getClientId().indexOf("-sensor-")) + "/" + room
                + "/temperature", message);
    }

    private List<String> sensors() throws Exception {
        List<String> sensors = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("select sensor from " + table)) {
                while (rows.next()) {
                    sensors.add(rows.getString(1));
                }
            }
        } catch (java.sql.SQLException notYet) {
            return List.of(); // the table is made by the app's init script when it starts
        }
        return sensors;
    }

    private static List<String> rejected(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> records = new ArrayList<>();
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                records.add(Files.readString(f));
            }
            return records;
        }
    }

    private static String read(String name) throws Exception {
        return Files.readString(EXAMPLE.resolve(name));
    }
}
