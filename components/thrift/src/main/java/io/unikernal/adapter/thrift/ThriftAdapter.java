package io.unikernal.adapter.thrift;

import io.unikernal.adapter.thrift.component.ThriftContract;
import io.unikernal.adapter.thrift.component.ThriftIdlException;
import io.unikernal.adapter.thrift.component.ThriftProtocols;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.ContractFile;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.thrift.TConfiguration;

/**
 * {@code thrift}: a Thrift service described by a {@code .thrift} IDL read at run time (this module's
 * {@code thrift-dynamic} Camel component: generic TProtocol reads and writes, no generated code). As a source it
 * serves a method on the system's port — each served method is a route, its arguments the body as a JSON object, the
 * route's final body the result; as a target it calls a method at the system's address and the result becomes the
 * body. Framed transport, binary protocol by default (compact as an option). Declared exceptions: a route answers one
 * by its reply header {@code thrift-exception} (the body is its fields), and a declared exception a called Thrift
 * service threw is passed on when the served method declares that type ({@link ThriftReplyWriter}); a called
 * service's declared exception rejects the message unless {@code retryOn} lists it. Thrift's binary and
 * compact protocols carry no headers: neither the correlation id nor the envelope travels.
 */
public final class ThriftAdapter implements Adapter {

    static final String NAME = "thrift";

    static final Option<String> IDL = Option.string("idl").required()
            .description("The .thrift file that describes the service (relative to the UDL file); its includes are"
                    + " read relative to its folder.")
            .example("calculator.thrift");
    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("The address to serve on; loopback by default, 0.0.0.0 to serve the network.");
    static final Option<Integer> PORT = Option.integer("port").range(0, 65535)
            .description("The port to serve on (needed to serve methods); every route from the system serves one"
                    + " method on it.").example("9090");
    static final Option<String> ADDRESS = Option.string("address")
            .pattern("[^\\s?&#/@:]+:[0-9]{1,5}", "host:port")
            .description("The server to call, host:port (needed to call methods).").example("127.0.0.1:9090");
    static final Option<String> PROTOCOL = Option.string("protocol").defaultValue(ThriftProtocols.BINARY)
            .allowed(ThriftProtocols.BINARY, ThriftProtocols.COMPACT)
            .description("The Thrift protocol, over framed transport: binary (TBinaryProtocol) or compact"
                    + " (TCompactProtocol); the peer must use the same.");
    static final Option<Long> MAX_FRAME_BYTES = Option.longInteger("maxFrameBytes")
            .defaultValue((long) TConfiguration.DEFAULT_MAX_FRAME_SIZE).range(1, Integer.MAX_VALUE)
            .description("The largest frame (one message) accepted, in bytes: a larger request is refused before"
                    + " it is read and its connection closed (the server goes on serving); a larger reply fails the"
                    + " call.").example("16384000");
    static final Option<Integer> MAX_CONNECTIONS = Option.integer("maxConnections").defaultValue(64)
            .range(1, 10_000)
            .description("The most client connections served at once (a thread each); one more is closed at once.");
    static final Option<String> RETRY_ON = Option.string("retryOn")
            .pattern("[A-Za-z_][A-Za-z0-9_]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*", "exception type names, comma-separated")
            .description("Declared exceptions of the called service (type names, comma-separated) that mean \"try"
                    + " again\": they fail the call as retryable. Any other declared exception is the service's"
                    + " answer to this message: rejected, not retried (dead letter).").example("TryLater");
    static final Option<String> METHOD = Option.string("method").required()
            .pattern("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*", "Service.method")
            .description("The method, as the IDL names it: Service.method.").example("Calculator.add");

    static final ProblemCode BAD_IDL = new PluginProblemCode("THRIFT", 1, "a .thrift file that cannot be used");
    static final ProblemCode UNKNOWN_METHOD = new PluginProblemCode("THRIFT", 2,
            "a method the .thrift file does not have");
    static final ProblemCode SERVE_WITHOUT_PORT = new PluginProblemCode("THRIFT", 3,
            "a Thrift system serves a method but has no port");
    static final ProblemCode CALL_WITHOUT_ADDRESS = new PluginProblemCode("THRIFT", 4,
            "a Thrift system is called but has no address");

    private static final ContractFile<ThriftContract> CONTRACT = new ContractFile<>(IDL, ThriftContract::load,
            ThriftIdlException.class, contract -> contract.methods().keySet());

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves Thrift methods with UDL routes and calls Thrift services, from a .thrift IDL read at run time (no"
                    + " generated code); arguments and results are JSON.",
            "io.unikernal:unikernal-components-thrift");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(IDL, HOST, PORT, ADDRESS, PROTOCOL, MAX_FRAME_BYTES, MAX_CONNECTIONS, RETRY_ON);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(BAD_IDL, UNKNOWN_METHOD, SERVE_WITHOUT_PORT, CALL_WITHOUT_ADDRESS);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    /** Reads the IDL of a literal path: its problems, with line and column, at the option. */
    @Override
    public void check(SystemDecl system, Problems problems) {
        CONTRACT.check(system, problems, BAD_IDL);
    }

    /** Declares the system's probe: the listener it serves on and the server it calls. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("adapter", NAME);
        if (system.option(PORT.name()) != null) {
            props.put("host", ctx.text(system, HOST));
            props.put("port", ctx.text(system, PORT));
        }
        if (system.option(ADDRESS.name()) != null) {
            props.put("address", ctx.text(system, ADDRESS));
            props.put("protocol", ctx.text(system, PROTOCOL));
            props.put("maxFrameSize", ctx.text(system, MAX_FRAME_BYTES));
        }
        ctx.addBean(ctx.systemBean(system) + ".probe", ThriftProbe.class, props);
    }

    /** The system's .thrift file as the component (and a translation's beans) read it at run time. */
    public static String idlPath(SystemDecl system, CompileContext ctx) {
        return UdlPaths.forComponent(system, IDL, ctx);
    }

    /** The contract of the system's .thrift file (a literal path relative to the UDL file), for a translation's checks. */
    public static ThriftContract contract(SystemDecl system) {
        return CONTRACT.load(system);
    }

    private static EndpointUri endpoint(SystemUse use, CompileContext ctx) {
        return EndpointUri.of("thrift-dynamic", ctx.text(use.use(), METHOD))
                .userParam("idl", idlPath(use.system(), ctx))
                .param("protocol", ctx.text(use.system(), PROTOCOL))
                .param("maxFrameSize", ctx.text(use.system(), MAX_FRAME_BYTES));
    }

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD);
        }

        /** The caller waits for the route's result; Thrift carries no headers, so no correlation id comes or goes. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY, Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (system.option(PORT.name()) == null) {
                problems.error(SERVE_WITHOUT_PORT, use.pos(), "system " + system.name() + " serves "
                        + METHOD.text(use) + " but has no port", "add port: to the system (e.g. 9090)");
            }
            CONTRACT.checkMethod(system, use, METHOD, problems, UNKNOWN_METHOD);
        }

        /** Thrift messages name the bare method: two services' methods of one name cannot share a port. */
        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String listener = HOST.text(system) + ":" + PORT.text(system);
            String method = METHOD.text(use);
            if (method == null) {
                return Optional.empty(); // no method: reported as a missing required option
            }
            return Optional.of(new Channel(NAME, listener + "/" + method.substring(method.indexOf('.') + 1), null,
                    "Thrift method " + method + " on " + listener));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return endpoint(use, ctx).userParam("host", ctx.text(use.system(), HOST))
                    .param("port", ctx.text(use.system(), PORT))
                    .param("maxConnections", ctx.text(use.system(), MAX_CONNECTIONS)).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }

        @Override
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("thrift-reply", ThriftReplyWriter.class, Map.of());
            block.process("thrift-reply");
        }
    }

    private static final class Client implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.CLIENT_TIMEOUT);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (system.option(ADDRESS.name()) == null) {
                problems.error(CALL_WITHOUT_ADDRESS, use.pos(), "system " + system.name() + " is called but has no"
                        + " address", "add address: host:port to the system");
            }
            CONTRACT.checkMethod(system, use, METHOD, problems, UNKNOWN_METHOD);
        }

        /** Bounded by the route's timeout (connect and each read of the reply), else by 30 s. */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            EndpointUri uri = endpoint(use, ctx).userParam("address", ctx.text(use.system(), ADDRESS));
            if (use.system().option(RETRY_ON.name()) != null) {
                uri.userParam("retryOn", ctx.text(use.system(), RETRY_ON));
            }
            use.timeout().ifPresent(timeout -> uri.param("timeout", Math.max(1, timeout.toMillis())));
            block.to(uri.toString());
            StandardNodes.parseJson(block, ctx);
        }
    }
}
