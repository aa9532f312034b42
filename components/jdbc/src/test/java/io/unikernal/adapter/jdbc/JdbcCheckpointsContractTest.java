package io.unikernal.adapter.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.unikernal.runtime.checkpoint.CheckpointStore;
import io.unikernal.testkit.contract.CheckpointStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The jdbc checkpoint store keeps the shared semantics on embedded H2 and on the machine's PostgreSQL and MariaDB, and
 * in an SQLite file. */
class JdbcCheckpointsContractTest {

    private static final HikariDataSource H2 = pool("jdbc:h2:mem:checkpoints-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE", "sa");
    private static final HikariDataSource POSTGRES = pool("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres");
    private static final HikariDataSource MARIADB = pool(MariaDbDatabases.MACHINE, "root");
    private static final HikariDataSource SQLITE = sqlite();

    /** A database file under target/, with the sqlite adapter's driver properties. */
    private static HikariDataSource sqlite() {
        HikariDataSource pool = pool("jdbc:sqlite:target/checkpoints-" + UUID.randomUUID() + ".db", null);
        JdbcDatabase.SQLITE.driverProperties().forEach(pool::addDataSourceProperty);
        return pool;
    }

    private static HikariDataSource pool(String url, String user) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setMaximumPoolSize(10);
        return pool;
    }

    private static CheckpointStore open(HikariDataSource pool, String namespace) throws Exception {
        JdbcCheckpoints store = new JdbcCheckpoints();
        store.setDataSource(pool);
        store.setNamespace(namespace);
        store.start();
        return store;
    }

    @AfterAll
    static void close() {
        H2.close();
        POSTGRES.close();
        MARIADB.close();
        SQLITE.close();
    }

    @Nested
    class OnH2 extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store(String namespace) throws Exception {
            return open(H2, namespace);
        }
    }

    @Nested
    class OnPostgreSql extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store(String namespace) throws Exception {
            return open(POSTGRES, namespace);
        }
    }

    @Nested
    class OnMariaDb extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store(String namespace) throws Exception {
            return open(MARIADB, namespace);
        }
    }

    @Nested
    class OnSqlite extends CheckpointStoreContract {
        @Override
        protected CheckpointStore store(String namespace) throws Exception {
            return open(SQLITE, namespace);
        }
    }
}
