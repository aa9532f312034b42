package io.unikernal.adapter.jdbc;

import io.unikernal.adapter.jdbc.listen.PgListenEndpoint;
import io.unikernal.adapter.jdbc.poll.JdbcPollEndpoint;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * A database as a source. {@code table} or {@code query}: polled by a cursor column (this module's
 * {@code jdbc-poll} component), each row one message, the last finished row's cursor kept in the same database's
 * {@code UNIKERNAL_CHECKPOINT} table ({@link JdbcCheckpoints}, namespace the app's name). {@code channel} (PostgreSQL
 * only): {@code LISTEN} ({@code pg-listen}), each notification one message, none kept while nobody listens.
 */
final class JdbcSource implements SourceRole {

    static final Option<String> TABLE = Option.string("table")
            .pattern(JdbcPollEndpoint.TABLE.pattern(), "a plain table name (letters, digits, _), schema.table"
                    + " allowed")
            .excludes("query", "channel")
            .description("Polls this table by its cursor column: each row one message (a JSON object of its"
                    + " columns), in cursor order. Give table or query.")
            .example("orders");
    static final Option<String> QUERY = Option.string("query")
            .pattern(JdbcPollEndpoint.QUERY.pattern(), "one SELECT, without ';', '?' or '}' (the cursor is"
                    + " bound as a parameter by the source)")
            .excludes("table", "channel")
            .description("Polls the rows of this SELECT as a table: the source reads SELECT * FROM (query) WHERE"
                    + " cursor > ? ORDER BY cursor LIMIT batchSize, the cursor bound as a parameter.")
            .example("select o.id, o.amount, c.name from orders o join customers c on c.id = o.customer");
    static final Option<String> CURSOR = Option.string("cursor")
            .pattern(JdbcPollEndpoint.COLUMN.pattern(), "a plain column name (letters, digits, _)")
            .excludes("channel")
            .description("The column rows are read in order of, whose values only grow as rows are written (an"
                    + " identity id, an updated_at set on every write); NOT NULL (rows where it is NULL are never"
                    + " read). Required with table or query. When it is not unique, give cursorKey.")
            .example("id");
    static final Option<String> CURSOR_KEY = Option.string("cursorKey")
            .pattern(JdbcPollEndpoint.COLUMN.pattern(), "a plain column name (letters, digits, _)")
            .requires("cursor")
            .description("A unique, NOT NULL column that orders rows of equal cursor values (e.g. id when the cursor"
                    + " is updated_at): the saved position is then the pair, so a batch that ends inside a run of equal"
                    + " cursor values goes on after the last finished row of it, skipping none and repeating none.")
            .example("id");
    static final Option<Integer> BATCH_SIZE = Option.integer("batchSize").defaultValue(100).range(1, 10_000)
            .excludes("channel")
            .description("The most rows one read returns; a full batch is followed by the next at once.");
    static final Option<Duration> POLL_INTERVAL = Option.duration("pollInterval").defaultValue(Duration.ofSeconds(1))
            .excludes("channel")
            .description("How long the source waits before reading again after a read found no new rows.");
    static final Option<String> START_AT = Option.string("startAt").allowed("beginning", "end")
            .defaultValue("beginning").excludes("channel")
            .description("Where a source with no saved cursor (its first start, or a new checkpoint name) begins:"
                    + " beginning reads every row there is; end saves the last row there is as the cursor, unread,"
                    + " so only rows written after it are messages. Once a cursor is saved, a start goes on from it"
                    + " either way.");
    static final Option<String> CHECKPOINT = Option.string("checkpoint")
            .pattern("[A-Za-z0-9_.:/-]{1,150}", "a name of letters, digits and _ . : / - (at most 150)")
            .excludes("channel")
            .description("The name the last finished row's cursor is kept under, in the UNIKERNAL_CHECKPOINT table"
                    + " of the same database (namespace: the app's name); <system>/<table or query>/<cursor> when"
                    + " absent. A new name reads the table from its first row again.")
            .example("orders-v2");
    static final Option<String> CHANNEL = Option.string("channel")
            .pattern(PgListenEndpoint.CHANNEL.pattern(), "a plain lower-case identifier (letters, digits, _; at most"
                    + " 63)")
            .excludes("table", "query")
            .description("PostgreSQL only: LISTEN on this channel, each notification one message (its payload parsed"
                    + " as JSON when it is JSON, else the payload text). Not durable: notifications sent while the"
                    + " app is stopped or its listening connection is down are lost (PostgreSQL keeps none for a"
                    + " listener that is gone); the source connects and listens again by itself.")
            .example("orders_changed");

    private final boolean server;
    private final boolean listens;

    /** {@code server}: the database is a server of its own; {@code listens}: it is PostgreSQL (channel). */
    JdbcSource(boolean server, boolean listens) {
        this.server = server;
        this.listens = listens;
    }

    @Override
    public List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(TABLE, QUERY, CURSOR, CURSOR_KEY, BATCH_SIZE,
                POLL_INTERVAL, START_AT, CHECKPOINT));
        if (listens) {
            options.add(CHANNEL);
        }
        return options;
    }

    /** Rows wait in their table while the app is stopped (a channel's notifications do not: see its option). */
    @Override
    public Set<Capability> capabilities() {
        return server ? Set.of(Capability.REMOTE_SERVER, Capability.DURABLE, Capability.CHECKED_AT_START)
                : Set.of(Capability.DURABLE, Capability.CHECKED_AT_START);
    }

    @Override
    public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
        boolean polled = use.option(TABLE.name()) != null || use.option(QUERY.name()) != null;
        if (!polled && use.option(CHANNEL.name()) == null) {
            problems.error(UdlErrorCode.MISSING_KEY, use.pos(), "a " + system.adapter() + " source reads a table"
                    + " or a query" + (listens ? ", or listens on a channel" : ""), "add table: <name> and cursor:"
                    + " <column>" + (listens ? ", or channel: <name>" : ""));
        } else if (polled && use.option(CURSOR.name()) == null) {
            problems.error(UdlErrorCode.MISSING_KEY, use.pos(), "a polled " + system.adapter() + " source needs its"
                    + " cursor column", "add cursor: <column whose values only grow>, e.g. cursor: id");
        }
    }

    @Override
    public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
        String channel = CHANNEL.text(use);
        if (channel != null) {
            return Optional.of(new Channel("pg-listen", system.name() + "/" + channel, null, "channel '" + channel
                    + "'"));
        }
        // two routes on one checkpoint would move one cursor for each other's rows
        String checkpoint = checkpoint(system, use);
        return Optional.of(new Channel("jdbc-poll", checkpoint, null, "checkpoint '" + checkpoint + "'"));
    }

    private static String checkpoint(SystemDecl system, EndpointRef use) {
        String named = CHECKPOINT.text(use);
        if (named != null) {
            return named;
        }
        String table = TABLE.text(use);
        return system.name() + "/" + (table == null ? "query" : table) + "/" + CURSOR.text(use);
    }

    @Override
    public String uri(SystemUse use, CompileContext ctx) {
        EndpointRef from = use.use();
        String dataSource = "#" + ctx.systemBean(use.system());
        if (from.option(CHANNEL.name()) != null) {
            return EndpointUri.of("pg-listen", ctx.text(from, CHANNEL)).param("dataSource", dataSource).toString();
        }
        String checkpoints = JdbcCheckpoints.declare(use.system(), ctx.document().name(), ctx);
        OptionValue interval = from.option(POLL_INTERVAL.name());
        return EndpointUri.of("jdbc-poll", checkpoint(use.system(), from)).param("dataSource", dataSource)
                .param("checkpoints", "#" + checkpoints)
                .userParam("table", ctx.text(from, TABLE))
                .userParam("query", ctx.text(from, QUERY))
                .userParam("cursor", ctx.text(from, CURSOR))
                .userParam("cursorKey", ctx.text(from, CURSOR_KEY))
                .param("batchSize", ctx.text(from, BATCH_SIZE))
                .param("startAtEnd", "end".equals(START_AT.of(from)))
                .param("delay", POLL_INTERVAL.of(interval).toMillis())
                .param("initialDelay", 0)
                .toString();
    }

    /** A row is a JSON object already; a notification's payload is parsed JSON or text: both only get the envelope. */
    @Override
    public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
        if (use.use().option(CHANNEL.name()) != null) {
            StandardNodes.envelope(use.systemName(), route, ctx);
        } else {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }
}
