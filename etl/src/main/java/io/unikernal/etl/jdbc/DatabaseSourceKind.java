package io.unikernal.etl.jdbc;

import io.unikernal.etl.kinds.PipelineEnd;
import io.unikernal.etl.kinds.PipelineSourceKind;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.section.SectionChecks;
import io.unikernal.spi.section.SectionCompilation;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import io.unikernal.udl.spec.UdlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table or a SELECT of a postgres, mariadb, sqlite or jdbc system as a pipeline's source ({@link TableSource}),
 * read in the order of a cursor column and checkpointed by the last row's cursor. One kind per adapter, all alike.
 */
public abstract class DatabaseSourceKind implements PipelineSourceKind {

    static final Option<String> TABLE = Option.string("table")
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?",
                    "a table name, optionally schema.table, of letters, digits and '_'")
            .description("A source table (or query:); a target table, which must exist. Columns are matched to"
                    + " fields by name.").example("people");
    static final Option<String> QUERY = Option.string("query")
            .pattern("(?is)\\s*(select|with)\\s[^;?}]*", "one SELECT (or WITH) without ';', '?' or '}'")
            .description("A database source: a SELECT read as a derived table, instead of table:.")
            .example("SELECT id, name, updated FROM people WHERE active");
    static final Option<String> CURSOR = Option.string("cursor").pattern("[A-Za-z_][A-Za-z0-9_]*", "a column name")
            .description("A database source: the column rows are read in the order of (a number, timestamp, date or"
                    + " text that grows); the last row's value is the checkpoint.").example("updated");
    static final Option<String> CURSOR_KEY = Option.string("cursorKey")
            .pattern("[A-Za-z_][A-Za-z0-9_]*", "a column name")
            .description("A database source: the unique column that orders rows of equal cursor values; default: the"
                    + " table's one-column primary key, else none (the cursor must then be unique).").example("id");

    static final ProblemCode TABLE_OR_QUERY = new PluginProblemCode("ETL", 40,
            "a database source names neither or both of table and query");
    static final ProblemCode NO_CURSOR = new PluginProblemCode("ETL", 41, "a database source names no cursor");

    private final String adapter;

    DatabaseSourceKind(String adapter) {
        this.adapter = adapter;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public String description() {
        return "a table or a SELECT, read in the order of a cursor column (ties by a key), checkpointed by the last"
                + " row's cursor";
    }

    @Override
    public List<UdlKey> keys() {
        return List.of(TABLE.key(), QUERY.key(), CURSOR.key(), CURSOR_KEY.key());
    }

    @Override
    public boolean streams() {
        return true;
    }

    @Override
    public void check(PipelineEnd source, SectionChecks checks) {
        boolean table = source.read(TABLE) != null;
        if (table == (source.read(QUERY) != null)) {
            checks.problems().error(TABLE_OR_QUERY, source.pos(), "pipeline " + source.pipeline() + " reads "
                    + source.describe() + (table ? " with both table and query" : " without table or query"),
                    "write either table: <name> or query: \"SELECT ...\"");
        }
        if (source.read(CURSOR) == null) {
            checks.problems().error(NO_CURSOR, source.pos(), "pipeline " + source.pipeline() + " reads "
                    + source.describe() + " without a cursor column", "add cursor: <column> (an id or an updated"
                    + " time that grows with every new row)");
        }
    }

    @Override
    public String compile(PipelineEnd source, SectionCompilation compilation) {
        CompileContext ctx = compilation.context();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dataSource", "#bean:" + ctx.systemBean(source.system()));
        for (Option<String> option : List.of(TABLE, QUERY, CURSOR, CURSOR_KEY)) {
            String value = source.read(option);
            if (value != null) {
                properties.put(option.name(), value);
            }
        }
        String name = ctx.uniqueName("pipeline-" + source.pipeline() + "-source");
        ctx.addBean(name, TableSourceFactory.class, properties);
        return name;
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(TABLE_OR_QUERY, NO_CURSOR);
    }

    /** PostgreSQL. */
    public static final class Postgres extends DatabaseSourceKind {
        public Postgres() {
            super("postgres");
        }
    }

    /** MariaDB/MySQL. */
    public static final class MariaDb extends DatabaseSourceKind {
        public MariaDb() {
            super("mariadb");
        }
    }

    /** SQLite. */
    public static final class Sqlite extends DatabaseSourceKind {
        public Sqlite() {
            super("sqlite");
        }
    }

    /** jdbc: H2 embedded by default. */
    public static final class Jdbc extends DatabaseSourceKind {
        public Jdbc() {
            super("jdbc");
        }
    }
}
