package io.unikernal.udl;

import io.unikernal.adapter.Adapter;
import io.unikernal.adapter.Adapters;
import io.unikernal.adapter.CompileContext;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.OptionSpec;
import io.unikernal.udl.spec.ValueKind;
import java.util.List;
import org.apache.camel.model.ProcessorDefinition;

/**
 * Adapters for the front-end tests, shaped like the real ones in components/ (same names, roles and options) but
 * without any Camel behaviour: the parser and checks only use what an adapter declares.
 */
public final class TestAdapters {

    private TestAdapters() {
    }

    public static Adapters all() {
        return Adapters.of(
                new Fake("http", List.of(
                        OptionSpec.of("port", ValueKind.INTEGER).defaultValue(8080).description("The app's HTTP port."),
                        OptionSpec.of("host", ValueKind.STRING).defaultValue("127.0.0.1").description("Listen address."),
                        OptionSpec.of("path", ValueKind.STRING).defaultValue("/").description("Base path.")),
                        List.of(OptionSpec.of("method", ValueKind.STRING).allowed("GET", "POST", "PUT", "PATCH", "DELETE")
                                        .description("Only this method."),
                                OptionSpec.of("path", ValueKind.STRING).description("Appended to the system's path.")),
                        List.of(), true, false, true),
                new Fake("http-client", List.of(OptionSpec.of("url", ValueKind.STRING).required()
                        .description("Base URL.")), List.of(), List.of(OptionSpec.of("path", ValueKind.STRING)
                        .description("Appended to the URL.")), false, true, false),
                new Fake("postgres", List.of(
                        OptionSpec.of("url", ValueKind.STRING).description("JDBC URL."),
                        OptionSpec.of("user", ValueKind.STRING).description("Database user."),
                        OptionSpec.of("password", ValueKind.STRING).secret().description("Database password.")),
                        List.of(), List.of(OptionSpec.of("sql", ValueKind.STRING).description("The statement.")),
                        false, true, false),
                // like the real jdbc adapter: every use as a target needs its statement
                new Fake("sql", List.of(), List.of(), List.of(OptionSpec.of("sql", ValueKind.STRING).required()
                        .description("The statement.").example("insert into t(id) values (:#id)")),
                        false, true, false),
                new Fake("seda", List.of(OptionSpec.of("name", ValueKind.STRING).description("Queue name."),
                        OptionSpec.of("size", ValueKind.INTEGER).defaultValue(1000).description("Capacity.")),
                        List.of(), List.of(), true, true, false),
                new Fake("direct", List.of(OptionSpec.of("name", ValueKind.STRING).description("Endpoint name.")),
                        List.of(), List.of(), true, true, false),
                new Fake("timer", List.of(OptionSpec.of("period", ValueKind.DURATION).defaultValue("1s")
                        .description("Time between messages.")), List.of(), List.of(), true, false, false),
                new Fake("log", List.of(OptionSpec.of("level", ValueKind.STRING).defaultValue("INFO")
                        .allowed("DEBUG", "INFO", "WARN").description("Log level.")), List.of(), List.of(),
                        false, true, false));
    }

    /**
     * An adapter that only declares; its hook rejects an http port outside 0..65535 (BAD_OPTION), like the real one.
     * Only postgres keeps processed keys, and there is no jdbc adapter (the embedded default store).
     */
    record Fake(String name, List<OptionSpec> systemOptions, List<OptionSpec> sourceOptions,
            List<OptionSpec> targetOptions, boolean canBeSource, boolean canBeTarget, boolean isRequestReply)
            implements Adapter {

        @Override
        public String description() {
            return "test adapter " + name;
        }

        @Override
        public String artifact() {
            return "test";
        }

        @Override
        public boolean canStoreProcessedKeys() {
            return name.equals("postgres");
        }

        @Override
        public void check(SystemDecl system, Problems problems) {
            OptionValue port = system.option("port");
            if (port != null && port.value() instanceof Number n && (n.longValue() < 0 || n.longValue() > 65535)) {
                problems.error(UdlErrorCode.BAD_OPTION, port.pos(), "port " + n + " is outside 0..65535",
                        "use a port such as 8080");
            }
        }

        @Override
        public String sourceUri(SystemDecl system, EndpointRef use, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }

        @Override
        public void normalize(SystemDecl system, EndpointRef use, ProcessorDefinition<?> route, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }

        @Override
        public void target(SystemDecl system, EndpointRef use, ProcessorDefinition<?> block, CompileContext ctx) {
            throw new UnsupportedOperationException("front-end test adapter");
        }
    }
}
