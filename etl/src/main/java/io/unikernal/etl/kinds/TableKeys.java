package io.unikernal.etl.kinds;

import io.unikernal.spi.section.SectionChecks;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.spec.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys every database target (and a table source) shares — {@code table}, {@code mode}, {@code key} — declared
 * once, with the check they share: an upsert needs its key.
 */
public final class TableKeys {

    public static final Option<String> TABLE = Option.string("table").required()
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?",
                    "a table name, optionally schema.table, of letters, digits and '_'")
            .description("The table; it must exist. Columns are matched to the source's fields by name.")
            .example("people");
    public static final Option<String> MODE = Option.string("mode").allowed("insert", "upsert")
            .defaultValue("insert")
            .description("insert: every row is added; upsert: a row whose key exists replaces that row's other"
                    + " columns (the last of a batch wins).").example("upsert");
    public static final Option<String> KEY = Option.string("key")
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*", "column names separated by commas")
            .description("With mode upsert: the key columns, a primary or unique key of the table.").example("id");

    public static final ProblemCode UPSERT_WITHOUT_KEY = new PluginProblemCode("ETL", 4,
            "a pipeline in mode upsert names no key");

    private TableKeys() {
    }

    /** {@code ETL-004} when {@code mode: upsert} has no {@code key}. */
    public static void checkUpsert(PipelineEnd target, SectionChecks checks) {
        if ("upsert".equals(target.read(MODE)) && target.read(KEY) == null) {
            checks.problems().error(UPSERT_WITHOUT_KEY, target.posOf(MODE.name()), "pipeline " + target.pipeline()
                    + " upserts into " + target.read(TABLE) + " but names no key",
                    "add key: <column> (a primary or unique key of the table), or use mode: insert");
        }
    }

    /** The key columns of an upsert, in order; empty for an insert. */
    public static List<String> keyColumns(String mode, String key) {
        List<String> columns = new ArrayList<>();
        if ("upsert".equals(mode) && key != null) {
            for (String column : key.split(",")) {
                columns.add(column.strip());
            }
        }
        return columns;
    }
}
