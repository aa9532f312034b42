package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statement is the sql endpoint's path, so a '?' or '&amp;' in it could start or add endpoint options: the
 * declaration refuses them at the statement's position, and points to :#field parameters.
 */
class StatementOptionTest {

    private static List<String> problems(String sql) {
        return new UdlParser(Adapters.of(new JdbcAdapter(), new ProbeAdapter())).parse("app.udl", """
                udl: 8
                name: app
                systems:
                  feed: {adapter: %s}
                  db:   {adapter: jdbc}
                routes:
                  - name: store
                    from: feed
                    steps:
                      - to: {system: db, sql: "%s"}
                """.formatted(ProbeAdapter.NAME, sql)).problems().stream().map(UdlError::headline).toList();
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
}
