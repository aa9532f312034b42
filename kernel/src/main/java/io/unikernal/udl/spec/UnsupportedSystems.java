package io.unikernal.udl.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Systems users ask for that Unikernal does not support, with why and what supporting them would need. One list
 * drives the parser's error for {@code adapter: mongodb}, {@code unikernal adapters} and
 * {@code docs/adapters/not-supported.md}. An adapter is supported only once it is tested against the real server;
 * a look-alike (an in-memory imitation) does not count, so these stay here until such a server can run in CI.
 */
public final class UnsupportedSystems {

    /** One system: its adapter name as a user would write it, other names for it, and the two explanations. */
    public record Unsupported(String name, List<String> aliases, String title, String why, String needed) {

        boolean matches(String adapter) {
            String key = adapter.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return key.equals(name) || aliases.contains(key);
        }
    }

    private static final String NO_SERVER = " cannot run on the machines Unikernal is built and tested on (no Debian"
            + " package, no container runtime), and a look-alike server is not the real system.";

    private static final List<Unsupported> ALL = List.of(
            new Unsupported("mongodb", List.of("mongo"), "MongoDB",
                    "A MongoDB server" + NO_SERVER,
                    "a mongod (6.0 or later) in CI; the adapter would map UDL onto camel-mongodb (insert, save,"
                            + " findAll with a filter, change streams as a source) and run the shared contract suite"),
            new Unsupported("elasticsearch", List.of("elastic", "opensearch"), "Elasticsearch / OpenSearch",
                    "An Elasticsearch or OpenSearch node" + NO_SERVER,
                    "an Elasticsearch 8 node in CI; the adapter would map UDL onto camel-elasticsearch (index, bulk"
                            + " index, search, delete) with an index template declared from UDL"),
            new Unsupported("oracle", List.of("oracledb"), "Oracle Database",
                    "An Oracle Database server" + NO_SERVER,
                    "an Oracle Database (e.g. Free 23ai) in CI and the ojdbc driver; it would be one more dialect"
                            + " of the jdbc adapters (MERGE for upserts, FETCH FIRST for cursors)"),
            new Unsupported("mssql", List.of("sqlserver", "microsoftsqlserver"), "Microsoft SQL Server",
                    "A SQL Server instance" + NO_SERVER,
                    "a SQL Server 2022 instance in CI and the mssql-jdbc driver; one more dialect of the jdbc"
                            + " adapters (MERGE for upserts, OFFSET/FETCH for cursors)"),
            new Unsupported("cassandra", List.of("scylla", "scylladb"), "Apache Cassandra",
                    "A Cassandra node" + NO_SERVER,
                    "a Cassandra 4 or 5 node in CI (an embedded cassandra-all node may be worth a try); the adapter"
                            + " would map UDL onto camel-cassandraql with prepared statements only"));

    private UnsupportedSystems() {
    }

    /** Every unsupported system, in the order the docs list them. */
    public static List<Unsupported> all() {
        return ALL;
    }

    /** The entry an adapter name refers to (case, dashes and underscores ignored), if it is an unsupported one. */
    public static Optional<Unsupported> find(String adapter) {
        return adapter == null ? Optional.empty() : ALL.stream().filter(u -> u.matches(adapter)).findFirst();
    }
}
