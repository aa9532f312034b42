package io.unikernal.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.unikernal.runtime.idempotency.ProcessedKeysRepository;
import io.unikernal.testkit.contract.AdapterFixture;
import io.unikernal.testkit.contract.KeyStorePeer;
import io.unikernal.testkit.contract.MisconfiguredPeer;
import io.unikernal.testkit.contract.Received;
import io.unikernal.testkit.contract.TargetPeer;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Path;
import io.unikernal.testkit.contract.ContractMessage;
import io.unikernal.testkit.contract.SourcePeer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.CamelContext;

/**
 * jdbc, postgres, mariadb and sqlite: the source's and the target's peers are tables of their own (each message a
 * row), the key store's the adapter's {@link JdbcProcessedKeys} in the database; the databases come from {@link Database} factories, shared or private.
 */
final class DatabaseFixture implements AdapterFixture {

    /** Opens a database for one peer. */
    @FunctionalInterface
    interface Opener {
        Database open(Path workDir) throws Exception;
    }

    private final String adapter;
    private final Opener shared;
    private final Opener owned;
    private final String misconfigured;
    private final String cause;

    /**
     * {@code misconfigured}: a system declaration of the adapter that cannot start, and {@code cause}: what its
     * one-line failure says.
     */
    DatabaseFixture(String adapter, Opener shared, Opener owned, String misconfigured, String cause) {
        this.adapter = adapter;
        this.shared = shared;
        this.owned = owned;
        this.misconfigured = misconfigured;
        this.cause = cause;
    }

    @Override
    public String adapter() {
        return adapter;
    }

    @Override
    public TargetPeer targetPeer(Path workDir) throws Exception {
        return new Rows(shared.open(workDir));
    }

    @Override
    public TargetPeer privateTargetPeer(Path workDir) throws Exception {
        return new Rows(owned.open(workDir));
    }

    @Override
    public SourcePeer sourcePeer(Path workDir) throws Exception {
        return new PolledRows(shared.open(workDir));
    }

    @Override
    public SourcePeer privateSourcePeer(Path workDir) throws Exception {
        return new PolledRows(owned.open(workDir));
    }

    @Override
    public MisconfiguredPeer misconfigured(Path workDir) {
        return MisconfiguredPeer.of(misconfigured, "sql: \"select 1 as one\"", cause);
    }

    @Override
    public KeyStorePeer keyStore(Path workDir) throws Exception {
        return new Keys(shared.open(workDir));
    }

    @Override
    public KeyStorePeer privateKeyStore(Path workDir) throws Exception {
        return new Keys(owned.open(workDir));
    }

    /** A table of the peer's own, {@code contract_<random>(id, n)}; the route inserts each message as a row. */
    private static final class Rows implements TargetPeer {
        private final Database database;
        private final String table = "contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Rows(Database database) throws Exception {
            this.database = database;
            sql("create table " + table + " (id varchar(200), n int)");
        }

        private void sql(String statement) throws Exception {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute(statement);
            }
        }

        @Override
        public String system() {
            return database.system();
        }

        @Override
        public String use() {
            return "sql: \"insert into " + table + "(id, n) values (:#id, :#n)\"";
        }

        @Override
        public Optional<RestartableServer> server() {
            return database.server();
        }

        @Override
        public List<Received> received() throws Exception {
            List<Received> rows = new ArrayList<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                    ResultSet row = s.executeQuery("select id, n from " + table)) {
                while (row.next()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("id", row.getString(1));
                    body.put("n", row.getInt(2));
                    rows.add(Received.body(body));
                }
            }
            return rows;
        }

        @Override
        public void close() throws Exception {
            try {
                sql("drop table " + table);
            } finally {
                database.close();
            }
        }
    }

    /**
     * A table of the peer's own, {@code contract_src_<random>(seq, id, n, note)} with an identity column {@code seq},
     * polled by the source with {@code seq} as its cursor; sending a message inserts a row.
     */
    static final class PolledRows implements SourcePeer {
        private final Database database;
        private final String table = "contract_src_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12);

        PolledRows(Database database) throws Exception {
            this.database = database;
            // MariaDB's server default may be latin1 (the private server's is): the note needs utf8mb4
            execute(database, "create table " + table + " (seq " + identity(database.url())
                    + ", id varchar(200), n int, note varchar(200))" + (database.url().startsWith("jdbc:mariadb:")
                            ? " character set utf8mb4" : ""));
        }

        /** An identity column in the database's own words. */
        static String identity(String url) {
            if (url.startsWith("jdbc:mariadb:")) {
                return "bigint auto_increment primary key";
            }
            if (url.startsWith("jdbc:sqlite:")) {
                return "integer primary key autoincrement";
            }
            return "bigint generated by default as identity primary key";
        }

        @Override
        public String system() {
            return database.system();
        }

        @Override
        public String use() {
            return "table: " + table + ", cursor: seq, pollInterval: 100ms";
        }

        @Override
        public Optional<RestartableServer> server() {
            return database.server();
        }

        @Override
        public Received send(CamelContext app, ContractMessage message) throws Exception {
            try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                    "insert into " + table + " (id, n, note) values (?, ?, ?)")) {
                insert.setString(1, message.id());
                insert.setInt(2, message.n());
                insert.setString(3, ContractMessage.NOTE);
                insert.executeUpdate();
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            try {
                execute(database, "drop table " + table);
            } finally {
                database.close();
            }
        }
    }

    static void execute(Database database, String statement) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Repositories over a pool of their own, as the adapter's beans build them. */
    private static final class Keys implements KeyStorePeer {
        /** Long enough to connect on a loaded machine, short enough that a stopped server fails a call quickly. */
        private static final long CONNECTION_TIMEOUT_MS = 2000;

        private final Database database;
        private final HikariDataSource pool = new HikariDataSource();

        Keys(Database database) {
            this.database = database;
            pool.setJdbcUrl(database.url());
            pool.setUsername(database.user());
            pool.setMaximumPoolSize(20);
            pool.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
            database.driverProperties().forEach(pool::addDataSourceProperty);
        }

        @Override
        public String system() {
            return database.system();
        }

        @Override
        public Optional<RestartableServer> server() {
            return database.server();
        }

        @Override
        public ProcessedKeysRepository repository(String namespace) {
            JdbcProcessedKeys keys = new JdbcProcessedKeys();
            keys.setDataSource(pool);
            keys.setNamespace(namespace);
            keys.start();
            return keys;
        }

        @Override
        public void close() throws Exception {
            try {
                pool.close();
            } finally {
                database.close();
            }
        }
    }
}
