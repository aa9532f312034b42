package io.unikernal.adapter.jdbc;

import io.unikernal.testkit.server.RestartableServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A database a contract peer works in: where it is, how a system of the adapter under test declares it in UDL, and
 * the server behind it when the test owns one it may restart. Closing it shuts down what the test started.
 */
interface Database extends AutoCloseable {

    String url();

    String user();

    /** The system's declaration, e.g. {@code {adapter: postgres}}. */
    String system();

    /** What every connection of the adapter's pool takes besides user and password ({@link JdbcDatabase}). */
    default java.util.Map<String, String> driverProperties() {
        return java.util.Map.of();
    }

    default Optional<RestartableServer> server() {
        return Optional.empty();
    }

    default Connection connect() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(driverProperties());
        properties.setProperty("user", user());
        properties.setProperty("password", "");
        return DriverManager.getConnection(url(), properties);
    }

    @Override
    default void close() throws Exception {
    }

    /** A database at {@code url}, declared as {@code system}, whose server the test does not own. */
    static Database of(String url, String user, String system) {
        return new Declared(url, user, system, java.util.Map.of(), null, () -> {
        });
    }

    /** A database on a server the test owns: {@code close} shuts it down. */
    static Database onServer(String url, String user, String system, RestartableServer server, AutoCloseable close) {
        return new Declared(url, user, system, java.util.Map.of(), server, close);
    }

    /** The one implementation: what a factory says. */
    record Declared(String url, String user, String system, java.util.Map<String, String> driverProperties,
            RestartableServer owned, AutoCloseable closing) implements Database {

        @Override
        public Optional<RestartableServer> server() {
            return Optional.ofNullable(owned);
        }

        /** The same database, every connection with these driver properties. */
        Declared withDriverProperties(java.util.Map<String, String> properties) {
            return new Declared(url, user, system, properties, owned, closing);
        }

        @Override
        public void close() throws Exception {
            closing.close();
        }
    }
}
