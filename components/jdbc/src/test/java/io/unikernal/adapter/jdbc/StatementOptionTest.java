package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.testkit.probe.ProbeApps;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statement is the sql endpoint's path, so a '?' or '&amp;' in it could start or add endpoint options: the
 * declaration refuses them at the statement's position, and points to :#field parameters.
 */
class StatementOptionTest {

    private static List<String> problems(String sql) {
        return ProbeApps.problems(new JdbcAdapter(), "  db: {adapter: jdbc}\n", "to: {system: db, sql: \"" + sql + "\"}");
    }

    @Test
    void aStatementWithAQuestionMarkOrAmpersandIsRefusedWithTheParameterHint() {
        for (String sql : List.of("select * from t where id = ?", "select * from t?dataSource=#other",
                "select 1 & 1")) {
            assertThat(problems(sql)).as(sql).singleElement().asString().startsWith("app.udl:10:31: ")
                    .contains("is not a statement free of '?' and '&'").contains(":#field").endsWith("[UDL-036]");
        }
    }

    @Test
    void aStatementWithNamedParametersIsAccepted() {
        assertThat(problems("insert into t(id, n) values (:#id, :#n)")).isEmpty();
    }

    /** mode upsert needs an insert into named columns, a key among them, and a database the url names. */
    @Test
    void anUpsertThatCannotBeBuiltIsRefusedAtItsOption() {
        String insert = "mode: upsert, sql: \"insert into t(id, n) values (:#id, :#n)\"";
        assertThat(useProblems("  db: {adapter: jdbc}\n", insert)).isEmpty();
        assertThat(useProblems("  db: {adapter: jdbc}\n", "mode: upsert, sql: \"update t set n = :#n\""))
                .singleElement().asString()
                .contains("mode upsert needs a statement 'insert into <table> (<columns>) values (...)'")
                .endsWith("[UDL-036]");
        assertThat(useProblems("  db: {adapter: jdbc}\n", insert + ", key: code")).singleElement().asString()
                .contains("key column 'code' is not one of the insert's columns [id, n]");
        assertThat(useProblems("  db: {adapter: jdbc, url: \"jdbc:derby://h/db\"}\n", insert)).singleElement()
                .asString().contains("mode upsert needs to know the database");
    }

    private static List<String> useProblems(String system, String use) {
        return ProbeApps.problems(new JdbcAdapter(), system, "to: {system: db, " + use + "}");
    }
}
