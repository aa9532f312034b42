package io.unikernal.cli.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.http.Http;
import io.unikernal.udl.testing.TwoWayRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed message leaves behind, against the machine's real PostgreSQL: the error reply says where the message
 * went (dead letter or error log) and holds no internal text; the dead-letter record and the log hold the root cause
 * a wrapper's message hides (Spring's "Failed to obtain JDBC Connection", "bad SQL grammar []").
 */
class FailureRecordsFeatureTest {

    @TempDir
    Path tmp;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureTheLog() {
        appender = new AbstractAppender("failure-records-" + UUID.randomUUID(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    private String app(int port, String db, String table, String deadLetter) {
        return """
                udl: 8
                name: failing
                systems:
                  api:    {adapter: http, port: %d}
                  db:     %s
                  parked: {adapter: file, directory: "%s"}
                routes:
                  - name: save
                    from: {system: api, method: POST, path: /save}
                    steps:
                      - to: {system: db, sql: "insert into %s(id) values (:#id)"}
                %s""".formatted(port, db, tmp.resolve("parked"), table, deadLetter);
    }

    private TwoWayRun.Outcomes<List<Object>> run(String udl, int port) throws Exception {
        return TwoWayRun.run("failing.udl.yaml", udl, Map.of("camel.server.port", String.valueOf(port)), tmp,
                app -> {
                    ResiliencePolicyFeatureTest.deleteAll(tmp.resolve("parked"));
                    Http.Reply reply = Http.post(port, "/save", "{\"id\": \"r1\"}");
                    return List.of(reply.status(), ((Map<?, ?>) reply.body()).get("error"),
                            String.valueOf(reply.body()), ResiliencePolicyFeatureTest.readRecords(tmp.resolve("parked")));
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeadLetterRecordHoldsTheRootCauseAndTheReplyDoesNot() throws Exception {
        // a database that is down (nothing listens on its port; a role that does not exist now fails the start)
        int down = Http.freePort();
        String table = "uk_no_table_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<List<String>> seen = new ArrayList<>();
        for (String[] failing : List.of(
                new String[] {"{adapter: postgres, url: \"jdbc:postgresql://127.0.0.1:" + down + "/postgres\"}",
                        "uk_any", "Connection refused"},
                new String[] {"{adapter: postgres}", table, "relation \"" + table + "\" does not exist"})) {
            int port = Http.freePort();
            TwoWayRun.Outcomes<List<Object>> outcomes = run(app(port, failing[0], failing[1],
                    "    deadLetter: parked\n"), port);
            for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
                assertThat(run.get(0)).isEqualTo(500);
                assertThat(run.get(1)).isEqualTo(
                        "the message could not be processed; it was kept in the dead-letter destination");
                assertThat((String) run.get(2)).as("no internal text to the caller").doesNotContain("does not exist")
                        .doesNotContain(failing[2]);
                Map<String, Object> record = ((List<Map<String, Object>>) run.get(3)).get(0);
                assertThat((String) record.get("details")).as("the root cause").contains(failing[2]);
            }
            assertThat(logged).as("the log names the root cause")
                    .anySatisfy(line -> assertThat(line).startsWith("unikernal.dead-letter.save").contains(failing[2]));
            logged.clear();
        }
    }

    @Test
    void aRouteWithoutDeadLetterSaysTheMessageWasLoggedAndLogsTheRootCause() throws Exception {
        String table = "uk_no_table_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int port = Http.freePort();
        TwoWayRun.Outcomes<List<Object>> outcomes = run(app(port, "{adapter: postgres}", table, ""), port);
        for (List<Object> run : List.of(outcomes.inProcess(), outcomes.emitted())) {
            assertThat(run.get(0)).isEqualTo(500);
            assertThat(run.get(1)).isEqualTo("the message could not be processed; it was written to the error log");
            assertThat((String) run.get(2)).doesNotContain("does not exist");
        }
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("unikernal.dead-letter.save")
                .contains("relation \"" + table + "\" does not exist"));
    }
}
