package io.unikernal.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.testkit.probe.ProbeAdapter;
import io.unikernal.testkit.probe.ProbeApps;
import io.unikernal.udl.error.UdlError;
import io.unikernal.udl.parse.UdlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The UDL checks of a database source, at the file's line and column: names that are not plain identifiers, a query
 * that is not one SELECT, a missing cursor, table and query together, a channel on a database other than PostgreSQL.
 */
class JdbcSourceChecksTest {

    private static List<String> problems(String adapter, String from) {
        String udl = "udl: 8\nname: app\nsystems:\n  db: {adapter: " + adapter + "}\n  seen: {adapter: "
                + ProbeAdapter.NAME + "}\nroutes:\n  - name: r\n    from: {system: db, " + from + "}\n    steps:\n"
                + "      - to: seen\n";
        Adapters adapters = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));
        return new UdlParser(adapters).parse("app.udl", udl).problems().stream().map(UdlError::headline).toList();
    }

    @Test
    void aGoodUseHasNoProblems() {
        assertThat(problems("postgres", "table: shop.orders, cursor: updated_at, cursorKey: id, batchSize: 50,"
                + " pollInterval: 2s")).isEmpty();
        assertThat(problems("mariadb", "query: \"select id, amount from orders where amount > 0\", cursor: id"))
                .isEmpty();
        assertThat(problems("postgres", "channel: orders_changed")).isEmpty();
    }

    @Test
    void aTableOrColumnThatIsNotAPlainIdentifierIsRefusedWhereItIsWritten() {
        assertThat(problems("sqlite", "table: \"orders; drop table x\", cursor: id")).singleElement().asString()
                .startsWith("app.udl:8:31:").contains("a plain table name");
        assertThat(problems("postgres", "table: orders, cursor: \"id desc\"")).singleElement().asString()
                .startsWith("app.udl:8:47:").contains("a plain column name");
        assertThat(problems("mariadb", "table: orders, cursor: id, cursorKey: \"k)\"")).singleElement().asString()
                .startsWith("app.udl:8:62:").contains("a plain column name");
    }

    @Test
    void aQueryIsOneSelectWithoutParametersOfItsOwn() {
        assertThat(problems("postgres", "query: \"delete from orders\", cursor: id")).singleElement().asString()
                .startsWith("app.udl:8:31:").contains("one SELECT");
        assertThat(problems("postgres", "query: \"select * from a; drop table a\", cursor: id")).singleElement()
                .asString().contains("one SELECT");
        assertThat(problems("postgres", "query: \"select * from a where id = ?\", cursor: id")).singleElement()
                .asString().contains("one SELECT");
        assertThat(problems("postgres", "query: \"select (a -> '{x}') as j from a\", cursor: id")).singleElement()
                .asString().contains("'}'");
    }

    @Test
    void aPolledSourceNeedsItsCursorAndOneOfTableAndQuery() {
        assertThat(problems("postgres", "table: orders")).singleElement().asString().startsWith("app.udl:8:20:")
                .contains("needs its cursor column");
        assertThat(problems("mariadb", "batchSize: 10")).singleElement().asString()
                .contains("reads a table or a query");
        assertThat(problems("postgres", "table: orders, query: \"select 1 as id\", cursor: id")).isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("query"));
    }

    @Test
    void aChannelIsPostgresOnlyAndAPlainLowerCaseName() {
        assertThat(problems("mariadb", "channel: orders")).isNotEmpty()
                .anySatisfy(p -> assertThat(p).contains("channel"));
        assertThat(problems("postgres", "channel: \"Orders-Changed\"")).singleElement().asString()
                .startsWith("app.udl:8:33:").contains("lower-case identifier");
        assertThat(problems("postgres", "channel: orders, cursor: id")).isNotEmpty();
    }

    @Test
    void twoRoutesOnOneCheckpointAreRefusedAndTheirOwnNamesSeparateThem() {
        String udl = "udl: 8\nname: app\nsystems:\n  db: {adapter: postgres}\n  seen: {adapter: " + ProbeAdapter.NAME
                + "}\nroutes:\n  - name: a\n    from: {system: db, table: orders, cursor: id%s}\n    steps:\n"
                + "      - to: seen\n  - name: b\n    from: {system: db, table: orders, cursor: id%s}\n    steps:\n"
                + "      - to: seen\n";
        Adapters adapters = ProbeApps.with(Adapters.installed().all().values().toArray(Adapter[]::new));
        assertThat(new UdlParser(adapters).parse("app.udl", udl.formatted("", "")).problems())
                .map(UdlError::headline).anySatisfy(p -> assertThat(p).contains("checkpoint 'db/orders/id'"));
        assertThat(new UdlParser(adapters).parse("app.udl", udl.formatted(", checkpoint: a", ", checkpoint: b"))
                .problems()).isEmpty();
    }
}
