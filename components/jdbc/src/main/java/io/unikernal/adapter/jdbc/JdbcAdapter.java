package io.unikernal.adapter.jdbc;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code jdbc}: runs SQL against a relational database (Camel sql over a HikariCP pool). Named parameters
 * {@code :#field} take the body's fields. A query (SELECT/WITH) replaces the body with its rows; any other statement
 * keeps the body. Without a {@code url} the system is an embedded in-memory H2 database.
 */
public class JdbcAdapter implements Adapter {

    static final OptionSpec URL = OptionSpec.of("url", ValueKind.STRING)
            .description("JDBC URL; an embedded in-memory H2 database when absent.")
            .example("jdbc:postgresql://127.0.0.1:5432/test");
    static final OptionSpec USER = OptionSpec.of("user", ValueKind.STRING).description("Database user.");
    static final OptionSpec PASSWORD = OptionSpec.of("password", ValueKind.STRING).secret()
            .description("Database password; write it as ${secret:NAME} or ${env:NAME}.");
    static final OptionSpec INIT = OptionSpec.of("init", ValueKind.STRING)
            .description("An SQL file (relative to the UDL file) run once at start-up, e.g. CREATE TABLE IF NOT EXISTS.")
            .example("db/schema.sql");
    static final OptionSpec POOL = OptionSpec.of("maxPoolSize", ValueKind.INTEGER).defaultValue(10)
            .description("Most connections the pool opens.");
    static final OptionSpec SQL = OptionSpec.of("sql", ValueKind.STRING).required()
            .description("The statement; :#field takes the body's field.")
            .example("insert into orders(id, amount) values (:#id, :#amount)");

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "Runs SQL on a relational database (Camel sql, HikariCP); embedded H2 when no url is given.";
    }

    @Override
    public String artifact() {
        return "io.unikernal:unikernal-components-jdbc";
    }

    @Override
    public List<OptionSpec> systemOptions() {
        return List.of(URL, USER, PASSWORD, INIT, POOL);
    }

    @Override
    public List<OptionSpec> targetOptions() {
        return List.of(SQL);
    }

    @Override
    public boolean canBeSource() {
        return false;
    }

    @Override
    public boolean canBeTarget() {
        return true;
    }

    /** The URL used when the system declares none. */
    protected String defaultUrl(SystemDecl system, CompileContext ctx) {
        return "jdbc:h2:mem:" + ctx.document().name() + "-" + system.name() + ";DATABASE_TO_LOWER=TRUE";
    }

    protected String defaultUser() {
        return "sa";
    }

    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue url = system.option("url");
        if (url != null && !url.asString().startsWith("${") && !url.asString().startsWith("jdbc:")) {
            problems.error(UdlErrorCode.BAD_OPTION, url.pos(), "url '" + url.value() + "' is not a JDBC URL",
                    "JDBC URLs start with jdbc:, e.g. jdbc:postgresql://127.0.0.1:5432/test");
        }
        OptionValue init = system.option("init");
        if (init != null && init.pos() != null) {
            Path base = Path.of(init.pos().file()).toAbsolutePath().getParent();
            if (base != null && !io.unikernal.adapter.UdlPaths.isReadableFile(base, init.asString())) {
                problems.error(UdlErrorCode.FILE_NOT_FOUND, init.pos(), "init script '" + init.value()
                        + "' does not exist or cannot be read", "the path is relative to the UDL file, here "
                        + base);
            }
        }
    }

    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("jdbcUrl", ctx.text(system.option("url"), defaultUrl(system, ctx)));
        props.put("username", ctx.text(system.option("user"), defaultUser()));
        String password = ctx.text(system.option("password"), null);
        if (password != null) {
            props.put("password", password);
        }
        props.put("maximumPoolSize", ctx.systemOption(system, "maxPoolSize"));
        props.put("poolName", ctx.document().name() + "-" + system.name());
        OptionValue init = system.option("init");
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

    @Override
    public boolean canStoreProcessedKeys() {
        return true;
    }

    /**
     * The route's processed keys in the system's database ({@link JdbcProcessedKeys}): table CAMEL_MESSAGEPROCESSED
     * (created if missing), one row per key with {@code processorName} = the namespace.
     */
    @Override
    public String processedKeysRepository(SystemDecl system, String namespace, CompileContext ctx) {
        String name = ctx.uniqueName(namespace + "-processed-keys");
        ctx.addBean(name, JdbcProcessedKeys.class, Map.of("dataSource", "#bean:" + ctx.systemBean(system),
                "namespace", namespace));
        return name;
    }

    /** The init SQL is embedded in the compiled output so the emitted folder runs anywhere. */
    private static String readInit(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read init script " + file, e);
        }
    }

    @Override
    public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
        String sql = ctx.text(use.option("sql"), null).strip();
        boolean query = sql.toLowerCase(Locale.ROOT).matches("(?s)^(select|with)\\b.*");
        block.to("sql:" + sql + "?dataSource=#" + ctx.systemBean(system) + (query ? "" : "&noop=true"));
    }
}
