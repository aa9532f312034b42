package io.unikernal.udl;

import io.unikernal.plugins.Adapters;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.KeyStoreRole;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * Adapters for the front-end tests, shaped like the real ones in components/ (same names, roles, options and
 * descriptors) but without any Camel behaviour: the parser and checks only use what an adapter declares.
 */
public final class TestAdapters {

    private TestAdapters() {
    }

    private static final Option<Integer> PORT = Option.integer("port").defaultValue(8080).range(0, 65535)
            .description("The app's HTTP port.");
    private static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("Listen address.");
    private static final Option<String> PATH = Option.string("path").defaultValue("/").description("Base path.");
    private static final Option<String> METHOD = Option.string("method")
            .allowed("GET", "POST", "PUT", "PATCH", "DELETE").description("Only this method.");
    private static final Option<String> ROUTE_PATH = Option.string("path")
            .description("Appended to the system's path.");
    private static final Option<String> QUEUE_NAME = Option.string("name").description("Queue name.");

    public static Adapters all() {
        return Adapters.of(
                new Fake("http", List.of(PORT, HOST, PATH), Optional.of(new HttpSource()), Optional.empty(), false),
                new Fake("http-client", List.of(Option.string("url").required().description("Base URL.")),
                        Optional.empty(), Optional.of(new Target(List.of(Option.string("path")
                                .description("Appended to the URL.")), false)), false),
                new Fake("postgres", List.of(
                        Option.string("url").description("JDBC URL."),
                        Option.string("user").description("Database user."),
                        Option.string("password").secret().description("Database password.")),
                        Optional.empty(), Optional.of(new Target(List.of(Option.string("sql")
                                .description("The statement.")), false)), true),
                // like the real jdbc adapter: every use as a target needs its statement
                new Fake("sql", List.of(), Optional.empty(), Optional.of(new Target(List.of(Option.string("sql")
                        .required().description("The statement.").example("insert into t(id) values (:#id)")),
                        false)), false),
                new Fake("seda", List.of(QUEUE_NAME, Option.integer("size").defaultValue(1000)
                        .description("Capacity.")), Optional.of(new QueueSource("seda")),
                        Optional.of(new Target(List.of(), true)), false),
                new Fake("direct", List.of(Option.string("name").description("Endpoint name.")),
                        Optional.of(new QueueSource("direct")), Optional.of(new Target(List.of(), true)), false),
                new Fake("timer", List.of(Option.duration("period").defaultValue(java.time.Duration.ofSeconds(1))
                        .description("Time between messages.")), Optional.of(new TimerSource()), Optional.empty(),
                        false),
                new Fake("log", List.of(Option.string("level").defaultValue("INFO").allowed("DEBUG", "INFO", "WARN")
                        .description("Log level.")), Optional.empty(), Optional.of(new Target(List.of(), false)),
                        false));
    }

    /** An adapter that only declares. Only postgres keeps processed keys; no adapter offers an embedded store. */
    record Fake(String name, List<Option<?>> systemOptions, Optional<SourceRole> source, Optional<TargetRole> target,
            boolean keepsKeys) implements Adapter {

        @Override
        public AdapterInfo info() {
            return new AdapterInfo(name, "test adapter " + name, "test");
        }

        @Override
        public Optional<KeyStoreRole> keyStore() {
            return keepsKeys ? Optional.of((system, namespace, ctx) -> {
                throw new UnsupportedOperationException("front-end test adapter");
            }) : Optional.empty();
        }
    }

    private abstract static class DeclaringSource implements SourceRole {
        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }
    }

    private static final class HttpSource extends DeclaringSource {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD, ROUTE_PATH);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY);
        }

        @Override
        public Optional<SharedListener> sharedListener(SystemDecl system) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("port", PORT.text(system));
            settings.put("host", HOST.text(system));
            return Optional.of(new SharedListener("http", settings,
                    "all http systems of an app share one listener: use one {setting}",
                    Map.of("port", "(a second port needs the netty-http adapter)")));
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String base = PATH.text(system);
            String extra = ROUTE_PATH.text(use) == null ? "" : ROUTE_PATH.text(use);
            String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                    + (extra.isEmpty() || extra.startsWith("/") ? extra : "/" + extra);
            String path = joined.isEmpty() ? "/" : joined;
            String method = METHOD.of(use);
            return Optional.of(new Channel("http", path, method, method == null ? path : method + " " + path));
        }
    }

    private static final class QueueSource extends DeclaringSource {
        private final String transport;

        QueueSource(String transport) {
            this.transport = transport;
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String name = QUEUE_NAME.of(system);
            return Optional.of(Channel.queue(transport, name == null ? system.name() : name));
        }
    }

    private static final class TimerSource extends DeclaringSource {
    }

    private record Target(List<Option<?>> options, boolean feedsQueue) implements TargetRole {
        @Override
        public Optional<Channel> feeds(SystemDecl system, EndpointRef use) {
            if (!feedsQueue) {
                return Optional.empty();
            }
            String name = QUEUE_NAME.of(system);
            return Optional.of(Channel.queue(system.adapter(), name == null ? system.name() : name));
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }
    }
}
