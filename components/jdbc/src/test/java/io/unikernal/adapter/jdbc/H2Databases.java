package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.FreePort;
import io.unikernal.testkit.server.RestartableServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.h2.tools.Server;

/** H2 for the jdbc adapter: an embedded in-memory database, or an H2 TCP server of the test's own. */
final class H2Databases {

    private H2Databases() {
    }

    /** An in-memory database that lives until it is closed (not until its last connection closes). */
    static Database inMemory() {
        String url = "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        Database database = Database.of(url, "sa", "{adapter: jdbc, url: \"" + url + "\"}");
        return new Database.Declared(url, "sa", database.system(), java.util.Map.of(), null, () -> {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        });
    }

    /**
     * An H2 TCP server on a free loopback port with its database in a file under {@code target/}: stopping it closes
     * every connection, starting it again serves the same file.
     */
    static Database server(Path workDir) throws Exception {
        return new TcpServer(Files.createDirectories(workDir.resolve("h2-" + UUID.randomUUID())), FreePort.loopback());
    }

    private static final class TcpServer implements Database, RestartableServer {
        private final Path dir;
        private final int port;
        private Server server;

        TcpServer(Path dir, int port) throws SQLException {
            this.dir = dir;
            this.port = port;
            start();
        }

        @Override
        public synchronized void start() {
            if (server == null) {
                try {
                    server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(),
                            "-ifNotExists").start();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot start the H2 server on port " + port, e);
                }
            }
        }

        @Override
        public synchronized void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }

        @Override
        public String url() {
            return "jdbc:h2:tcp://127.0.0.1:" + port + "/contract;DATABASE_TO_LOWER=TRUE";
        }

        @Override
        public String user() {
            return "sa";
        }

        @Override
        public String system() {
            return "{adapter: jdbc, url: \"" + url() + "\"}";
        }

        @Override
        public Optional<RestartableServer> server() {
            return Optional.of(this);
        }

        @Override
        public void close() {
            stop();
        }
    }
}
