package io.unikernal.adapter.jdbc;

import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.CheckpointStoreRole;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.KeyStoreRole;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.language.SimpleExpression;

/**
 * {@code jdbc}: runs SQL against a relational database (Camel sql over a HikariCP pool). Named parameters
 * {@code :#field} take the body's fields. A query (SELECT/WITH) replaces the body with its rows; any other statement
 * keeps the body. Without a {@code url} the system is an embedded in-memory H2 database. The adapters of one
 * database ({@code postgres}, {@code mariadb}, {@code sqlite}) are this class with that database's
 * {@link JdbcDatabase}: its defaults, driver properties and capabilities; everything else is shared.
 */
public class JdbcAdapter implements Adapter {

    static final Option<String> USER = Option.string("user").description("Database user.");
    static final Option<String> PASSWORD = Option.string("password").secret()
            .description("Database password; write it as ${secret:NAME} or ${env:NAME}.");
    static final Option<String> INIT = Option.string("init")
            .description("An SQL file (relative to the UDL file) run once at start-up, e.g. CREATE TABLE IF NOT EXISTS.")
            .example("db/schema.sql");
    static final Option<Integer> POOL = Option.integer("maxPoolSize").defaultValue(10).range(1, 10_000)
            .description("Most connections the pool opens.");
    // the statement is the sql endpoint's path: a '?' or '&' in it would start or add endpoint options
    static final Option<String> SQL = Option.string("sql").required()
            .pattern("[^?&]+", "a statement free of '?' and '&' (take values with :#field parameters)")
            .description("The statement; :#field takes the body's field.")
            .example("insert into orders(id, amount) values (:#id, :#amount)");
    static final Option<String> MODE = Option.string("mode").allowed("statement", "upsert").defaultValue("statement")
            .description("statement: run the statement as written; upsert: the statement, an insert into a table's"
                    + " columns, becomes the database's upsert (PostgreSQL and SQLite ON CONFLICT DO UPDATE, MariaDB"
                    + " ON DUPLICATE KEY UPDATE, H2 MERGE): a row whose key exists gets the other columns' values.");
    static final Option<String> KEY = Option.string("key")
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*", "column names separated by commas")
            .description("With mode upsert: the key columns (a primary or unique key of the table); the insert's"
                    + " first column when absent.")
            .example("id");
    static final Option<String> TRANSACTION = Option.string("transaction").allowed("batch", "row")
            .defaultValue("batch")
            .description("A list body is written as one JDBC batch (one row per record): batch commits the whole list"
                    + " or none of it; row commits each record on its own, in order, until one fails. A single"
                    + " record is one statement, atomic either way.");

    private static final String ARTIFACT = "io.unikernal:unikernal-components-jdbc";

    private final JdbcDatabase database;
    private final AdapterInfo info;
    private final Option<String> url;

    /** {@code jdbc}: any JDBC URL, an embedded in-memory H2 database by default. */
    public JdbcAdapter() {
        this(JdbcDatabase.H2);
    }

    /** The adapter of one database: its name, defaults and driver properties. */
    JdbcAdapter(JdbcDatabase database) {
        this.database = database;
        this.info = new AdapterInfo(database.adapter(), database.summary(), ARTIFACT);
        this.url = Option.string("url").pattern("jdbc:.+", "a JDBC URL, which starts with jdbc:, e.g. "
                        + database.urlExample())
                .description("JDBC URL; " + defaultUrlInWords() + " when absent.")
                .example(database.urlExample());
    }

    private String defaultUrlInWords() {
        return database.defaultUrl().contains("%s") ? (database == JdbcDatabase.H2
                ? "an embedded in-memory H2 database" : database.defaultUrl().replace("%s", "<app>-<system>"))
                : database.defaultUrl();
    }

    @Override
    public AdapterInfo info() {
        return info;
    }

    @Override
    public List<Option<?>> systemOptions() {
        // a database file (SQLite) has no login
        return database.server() ? List.of(url, USER, PASSWORD, INIT, POOL) : List.of(url, INIT, POOL);
    }

    /** Polling a table or a query by a cursor column; on PostgreSQL also LISTEN on a channel. */
    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new JdbcSource(database.server(), database.dialect() == SqlDialect.POSTGRESQL));
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Statements(targetCapabilities()));
    }

    @Override
    public Optional<KeyStoreRole> keyStore() {
        return Optional.of(new ProcessedKeys(keyStoreCapabilities()));
    }

    @Override
    public Optional<CheckpointStoreRole> checkpointStore() {
        return Optional.of(new Checkpoints());
    }

    /**
     * The SQL dialect of a system: by its URL's scheme (a {@code jdbc} system may name any database), else the
     * adapter's own database; {@link SqlDialect#OTHER} when neither tells (a url in a variable, another database).
     */
    private SqlDialect dialect(SystemDecl system, CompileContext ctx) {
        OptionValue declared = system.option(url.name());
        String text = declared == null ? database.defaultUrl() : String.valueOf(declared.value());
        SqlDialect byUrl = SqlDialect.ofUrl(text);
        return byUrl != SqlDialect.OTHER || database == JdbcDatabase.H2 ? byUrl : database.dialect();
    }

    /** The URL used when the system declares none. */
    private String defaultUrl(SystemDecl system, CompileContext ctx) {
        return database.defaultUrl().replace("%s", ctx.document().name() + "-" + system.name());
    }

    /** A database server of its own (not SQLite's file), checked at start by the system's probe. */
    private Set<Capability> targetCapabilities() {
        return database.server() ? Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START)
                : Set.of(Capability.CHECKED_AT_START);
    }

    /**
     * As the target; and the embedded H2 of a {@code jdbc} system without url is the store of the processed keys of
     * a route that names no {@code store}.
     */
    private Set<Capability> keyStoreCapabilities() {
        Set<Capability> capabilities = new java.util.HashSet<>(targetCapabilities());
        if (database.embeddedKeyStore()) {
            capabilities.add(Capability.EMBEDDED);
        }
        return Set.copyOf(capabilities);
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue init = system.option(INIT.name());
        if (init != null && init.pos() != null) {
            Path base = Path.of(init.pos().file()).toAbsolutePath().getParent();
            if (base != null && !UdlPaths.isReadableFile(base, init.asString())) {
                problems.error(UdlErrorCode.FILE_NOT_FOUND, init.pos(), "init script '" + init.value()
                        + "' does not exist or cannot be read", "the path is relative to the UDL file, here "
                        + base);
            }
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("jdbcUrl", ctx.text(system.option(url.name()), defaultUrl(system, ctx)));
        if (database.server()) {
            props.put("username", ctx.text(system.option(USER.name()), database.defaultUser()));
        }
        if (!database.driverProperties().isEmpty()) {
            props.put("driverProperties", UdlDataSource.driverProperties(database.driverProperties()));
        }
        String password = ctx.text(system, PASSWORD);
        if (password != null) {
            props.put("password", password);
        }
        props.put("maximumPoolSize", ctx.text(system, POOL));
        props.put("poolName", ctx.document().name() + "-" + system.name());
        OptionValue init = system.option(INIT.name());
        if (init != null) {
            props.put("initSql", readInit(ctx.baseDir().resolve(init.asString())));
        }
        BeanFactoryDefinition<?> bean = new BeanFactoryDefinition<>();
        bean.setName(ctx.systemBean(system));
        bean.setType(UdlDataSource.class.getName());
        bean.setProperties(new LinkedHashMap<>(props));
        bean.setDestroyMethod("close");
        ctx.addBean(bean);
        if (ctx.document().systems().containsKey(system.name())) {
            // a declared system, not the embedded store the kernel makes for an idempotent route without one:
            // the kernel checks it at start (which runs the init SQL) and reports it at /observe/health
            ctx.addBean(ctx.systemBean(system) + ".probe", JdbcProbe.class, Map.of("system", system.name(),
                    "adapter", name(), "dataSource", "#bean:" + ctx.systemBean(system)));
        }
    }

    /** The init SQL is embedded in the compiled output so the emitted folder runs anywhere. */
    private static String readInit(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read init script " + file, e);
        }
    }

    private final class Statements implements TargetRole {
        private final Set<Capability> capabilities;

        Statements(Set<Capability> capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public List<Option<?>> options() {
            return List.of(SQL, MODE, KEY, TRANSACTION);
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            OptionValue mode = use.option(MODE.name());
            OptionValue sql = use.option(SQL.name());
            if (mode == null || !"upsert".equals(mode.value()) || sql == null || !(sql.value() instanceof String)) {
                return;
            }
            OptionValue key = use.option(KEY.name());
            try {
                Upsert.of(sql.asString(), key == null ? null : key.asString(), dialect(system, null));
            } catch (Upsert.NotAnUpsert e) {
                OptionValue at = e.ofKey() && key != null ? key : sql;
                problems.error(UdlErrorCode.BAD_OPTION, at.pos() != null ? at.pos() : use.pos(), e.getMessage(),
                        "see the mode option of the " + system.adapter() + " adapter");
            }
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            String sql = ctx.text(use.use(), SQL).strip();
            boolean query = sql.toLowerCase(Locale.ROOT).matches("(?s)^(select|with)\\b.*");
            if ("upsert".equals(ctx.text(use.use(), MODE))) {
                try {
                    sql = Upsert.of(sql, ctx.text(use.use(), KEY), dialect(use.system(), ctx));
                } catch (Upsert.NotAnUpsert e) {
                    throw new IllegalStateException(e.getMessage(), e); // checkUse reported it
                }
            }
            EndpointUri uri = EndpointUri.of("sql", sql).param("dataSource", "#" + ctx.systemBean(use.system()));
            if (query) {
                block.to(uri.toString());
            } else if (!JdbcBatchWriter.canBatch(sql)) {
                block.to(uri.param("noop", true).toString());
            } else {
                String batch = ctx.uniqueName("jdbc-batch-" + use.systemName());
                ctx.addBean(batch, JdbcBatchWriter.class, Map.of("dataSource", "#bean:" + ctx.systemBean(use.system()),
                        "sql", sql, "transaction", ctx.text(use.use(), TRANSACTION)));
                // a list body is one batch; a record is one statement, as Camel sql runs it
                block.choice().when(new SimpleExpression("${body} is 'java.util.List'")).process(batch)
                        .otherwise().to(uri.param("noop", true).toString()).end();
            }
        }
    }

    /** A pipeline's checkpoints in the system's database ({@link JdbcCheckpoints}): table UNIKERNAL_CHECKPOINT. */
    private static final class Checkpoints implements CheckpointStoreRole {
        @Override
        public String checkpointStore(SystemDecl system, String namespace, CompileContext ctx) {
            return JdbcCheckpoints.declare(system, namespace, ctx);
        }
    }

    /**
     * The route's processed keys in the system's database ({@link JdbcProcessedKeys}): table CAMEL_MESSAGEPROCESSED
     * (created if missing), one row per key with {@code processorName} = the namespace.
     */
    private static final class ProcessedKeys implements KeyStoreRole {
        private final Set<Capability> capabilities;

        ProcessedKeys(Set<Capability> capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
            String name = ctx.uniqueName(namespace + "-processed-keys");
            ctx.addBean(name, JdbcProcessedKeys.class, Map.of("dataSource", "#bean:" + ctx.systemBean(system),
                    "namespace", namespace));
            return name;
        }
    }
}
