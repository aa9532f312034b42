package io.unikernal.adapter.grpc;

import static io.unikernal.adapter.http.HttpServerAdapter.onHttpListener;

import io.unikernal.adapter.grpc.component.ProtoContract;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.adapter.grpc.component.ProtoContractException;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.ContractFile;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.runtime.ServedListener;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.error.UdlErrorCode;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code grpc}: a gRPC service described by a {@code .proto} file read at run time (this module's
 * {@code grpc-dynamic} Camel component: descriptors and dynamic messages, no generated code). As a source it serves
 * a method on the system's port — each served method is a route, whose final body is the reply; as a target it calls
 * a method at the system's address and the reply becomes the body. Messages are JSON in protobuf's proto3 mapping,
 * with the field names of the {@code .proto} file. gRPC statuses are UDM errors: a called service's INVALID_ARGUMENT
 * or NOT_FOUND rejects the message (dead letter, no retry), UNAVAILABLE and the others are failures the route
 * retries; a served route's failure answers the caller with a status ({@link GrpcReplyWriter}). The envelope travels
 * in metadata ({@code x-correlation-id}, {@code udm*}).
 */
public final class GrpcAdapter implements Adapter {

    static final String NAME = "grpc";

    static final Option<String> PROTO = Option.string("proto").required()
            .description("The .proto file that describes the service (relative to the UDL file); its imports are"
                    + " read relative to its folder, the well-known types are built in.")
            .example("orders.proto");
    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("The address to serve on; loopback by default, 0.0.0.0 to serve the network.");
    static final Option<Integer> PORT = Option.integer("port").range(0, 65535)
            .description("The port to serve on (needed to serve methods); every route from the system serves one"
                    + " method on it.").example("9090");
    static final Option<String> LISTENER = HttpServerAdapter.listenerOption(
            "Where served methods listen: own, a gRPC server on host and port; http, the app's one HTTP"
                    + " listener, gRPC over h2c beside the REST, GraphQL and WebSocket systems on one port (port and"
                    + " host are then that listener's, the same for every system on it).").excludes("tlsCert", "tlsKey");
    static final Option<String> ADDRESS = Option.string("address")
            .pattern("[^\\s?&#/@]+:[0-9]{1,5}|(dns|ipv4|ipv6|unix):[^\\s?&#@]+",
                    "host:port, or a gRPC target such as dns:///host:port, without credentials")
            .description("The server to call, host:port (needed to call methods).").example("127.0.0.1:9090");
    static final Option<Long> MAX_MESSAGE_BYTES = Option.longInteger("maxMessageBytes").defaultValue(4_194_304L)
            .range(1, Integer.MAX_VALUE)
            .description("The largest message accepted, in bytes: a larger request is refused with"
                    + " RESOURCE_EXHAUSTED before any route reads it (the server goes on serving); a larger reply to"
                    + " a call fails the call.").example("4194304");
    static final Option<Integer> MAX_STREAM_MESSAGES = Option.integer("maxStreamMessages").defaultValue(10_000)
            .range(1, Integer.MAX_VALUE)
            .description("The most messages one stream may bring: a client stream served (the route gets them as"
                    + " one list) or the replies of a streaming call.");
    static final Option<String> TLS_CERT = Option.string("tlsCert").requires("tlsKey")
            .description("Serve over TLS with this certificate chain (a PEM file, relative to the UDL file).")
            .example("certs/server.pem");
    static final Option<String> TLS_KEY = Option.string("tlsKey").requires("tlsCert")
            .description("The private key of tlsCert (a PEM file, PKCS#8, not encrypted); keep the file readable"
                    + " by the app only.").example("certs/server.key");
    static final Option<Boolean> TLS = Option.bool("tls").defaultValue(false)
            .description("Call over TLS, trusting the certificates the JVM trusts (or trustCert's).");
    static final Option<String> TRUST_CERT = Option.string("trustCert")
            .description("Call over TLS, trusting the certificates in this PEM file (e.g. a self-signed server's or a"
                    + " private CA's).").example("certs/ca.pem");
    static final Option<String> METHOD = Option.string("method").required()
            .pattern("[A-Za-z_][A-Za-z0-9_.]*/[A-Za-z_][A-Za-z0-9_]*", "package.Service/Method")
            .description("The method, as the .proto file names it: package.Service/Method.")
            .example("orders.OrderService/GetOrder");

    /** The .proto file cannot be read or parsed: its own words, with line and column. */
    static final ProblemCode BAD_PROTO = new PluginProblemCode("GRPC", 1, "a .proto file that cannot be used");
    static final ProblemCode UNKNOWN_METHOD = new PluginProblemCode("GRPC", 2,
            "a method the .proto file does not have");
    static final ProblemCode SERVE_WITHOUT_PORT = new PluginProblemCode("GRPC", 3,
            "a gRPC system serves a method but has no port");
    static final ProblemCode CALL_WITHOUT_ADDRESS = new PluginProblemCode("GRPC", 4,
            "a gRPC system is called but has no address");

    /** Lets only the envelope out as metadata, and no Camel* or Udm* metadata in ({@link GrpcHeaderFilter}). */
    static final String HEADER_FILTER = "grpc-header-filter";

    private static final ContractFile<ProtoContract> CONTRACT = new ContractFile<>(PROTO, ProtoContract::load,
            ProtoContractException.class, contract -> contract.methods().keySet());

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves gRPC methods with UDL routes and calls gRPC services, from a .proto file read at run time (no"
                    + " generated code); messages are proto3 JSON.",
            "io.unikernal:unikernal-components-grpc");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(PROTO, HOST, PORT, LISTENER, ADDRESS, MAX_MESSAGE_BYTES, MAX_STREAM_MESSAGES, TLS_CERT, TLS_KEY, TLS,
                TRUST_CERT);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(BAD_PROTO, UNKNOWN_METHOD, SERVE_WITHOUT_PORT, CALL_WITHOUT_ADDRESS);
    }

    @Override
    public Optional<SourceRole> source() {
        return Optional.of(new Server());
    }

    @Override
    public Optional<TargetRole> target() {
        return Optional.of(new Client());
    }

    /**
     * Reads the .proto file of a literal path: its problems, with line and column, at the option. Text that is not
     * in a folder of this machine (a worked example read from a jar) is not checked: its file cannot be found.
     */
    @Override
    public void check(SystemDecl system, Problems problems) {
        CONTRACT.check(system, problems, BAD_PROTO);
        for (Option<String> file : List.of(TLS_CERT, TLS_KEY, TRUST_CERT)) {
            OptionValue value = system.option(file.name());
            if (UdlPaths.checkable(value)
                    && !Files.isReadable(UdlPaths.folderOf(value.pos()).resolve(value.asString()))) {
                problems.error(UdlErrorCode.FILE_NOT_FOUND, value.pos(), file.name() + " '" + value.asString()
                        + "' does not exist or cannot be read", "the path is relative to the UDL file, here "
                        + UdlPaths.folderOf(value.pos()));
            }
        }
    }

    /** Declares the system's probe: the listener it serves on and the server it calls, as the system has them. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        ctx.addBean(HEADER_FILTER, GrpcHeaderFilter.class, Map.of());
        if (onHttpListener(system)) {
            // the listener's own probe; a call's address, if any, is probed by the calls themselves
            HttpServerAdapter.contributeListener(system, ctx, NAME);
            return;
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("system", system.name());
        props.put("adapter", NAME);
        if (system.option(PORT.name()) != null) {
            props.put("host", ctx.text(system, HOST));
            props.put("port", ctx.text(system, PORT));
        }
        if (system.option(ADDRESS.name()) != null) {
            props.put("address", ctx.text(system, ADDRESS));
            props.put("tls", ctx.text(system, TLS));
            if (system.option(TRUST_CERT.name()) != null) {
                props.put("trustCert", UdlPaths.forComponent(system, TRUST_CERT, ctx));
            }
        }
        ctx.addBean(ctx.systemBean(system) + ".probe", GrpcProbe.class, props);
    }


    /**
     * The consumer endpoint that serves {@code method} on the system's host and port (with its TLS settings), the
     * metadata let in by the adapter's header filter; also for a translation (UPT) that serves every method of the
     * .proto ({@link io.unikernal.adapter.grpc.component.GrpcDynamicEndpoint#EVERY_METHOD}).
     */
    public static EndpointUri serveEndpoint(SystemDecl system, String method, CompileContext ctx) {
        ctx.addBean(HEADER_FILTER, GrpcHeaderFilter.class, Map.of());
        EndpointUri uri = EndpointUri.of("grpc-dynamic", method)
                .userParam("proto", protoPath(system, ctx))
                .param("maxInboundMessageSize", ctx.text(system, MAX_MESSAGE_BYTES))
                .param("maxStreamMessages", ctx.text(system, MAX_STREAM_MESSAGES))
                .param("headerFilterStrategy", "#bean:" + HEADER_FILTER);
        if (onHttpListener(system)) {
            return uri.param("listener", "http");
        }
        uri.userParam("host", ctx.text(system, HOST)).param("port", ctx.text(system, PORT));
        if (system.option(TLS_CERT.name()) != null) {
            uri.userParam("tlsCertChain", UdlPaths.forComponent(system, TLS_CERT, ctx))
                    .userParam("tlsPrivateKey", UdlPaths.forComponent(system, TLS_KEY, ctx));
        }
        return uri;
    }

    /** The largest message the system accepts, in bytes, as the component reads it (a placeholder or a number). */
    public static String maxMessageBytes(SystemDecl system, CompileContext ctx) {
        return ctx.text(system, MAX_MESSAGE_BYTES);
    }

    /**
     * A served system needs a port: its own, or the app's HTTP listener's ({@code listener: http}); GRPC-003 at
     * {@code pos} otherwise (for a translation serving every method of the .proto).
     */
    public static boolean checkServable(SystemDecl system, io.unikernal.udl.model.SourcePos pos, Problems problems) {
        if (onHttpListener(system)) {
            return true;
        }
        if (system.option(PORT.name()) != null) {
            return true;
        }
        problems.error(SERVE_WITHOUT_PORT, pos, "system " + system.name() + " serves gRPC but has no port",
                "add port: to the system (e.g. 9090)");
        return false;
    }

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD);
        }

        /** The caller waits for the route's reply; its x-correlation-id becomes the message's and comes back. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY, Capability.NATIVE_HEADERS, Capability.CHECKED_AT_START);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (system.option(PORT.name()) == null && !onHttpListener(system)) {
                problems.error(SERVE_WITHOUT_PORT, use.pos(), "system " + system.name() + " serves "
                        + METHOD.text(use) + " but has no port", "add port: to the system (e.g. 9090), or"
                        + " listener: http to serve it on the app's HTTP port");
            }
            CONTRACT.checkMethod(system, use, METHOD, problems, UNKNOWN_METHOD);
        }

        /** On the HTTP listener, the settings every system served there must agree on (port, host, body limit). */
        @Override
        public Optional<SharedListener> sharedListener(SystemDecl system) {
            return onHttpListener(system) ? Optional.of(HttpServerAdapter.sharedListener(system)) : Optional.empty();
        }

        @Override
        public Optional<ServedListener> servedListener(SystemDecl system) {
            return onHttpListener(system) ? Optional.of(HttpServerAdapter.servedListener()) : Optional.empty();
        }

        @Override
        public Optional<Channel> consumes(SystemDecl system, EndpointRef use) {
            String listener = onHttpListener(system) ? "http-listener"
                    : HOST.text(system) + ":" + PORT.text(system);
            String method = METHOD.text(use);
            return Optional.of(new Channel(NAME, listener + "/" + method, null,
                    "gRPC method " + method + " on " + listener));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            return serveEndpoint(use.system(), ctx.text(use.use(), METHOD), ctx).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }

        @Override
        public void denormalizeReply(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("grpc-reply", GrpcReplyWriter.class, Map.of());
            block.process("grpc-reply");
        }
    }

    private static final class Client implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(METHOD);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.CHECKED_AT_START, Capability.NATIVE_HEADERS,
                    Capability.CLIENT_TIMEOUT);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            checkCallable(system, use.pos(), problems);
            CONTRACT.checkMethod(system, use, METHOD, problems, UNKNOWN_METHOD);
        }

        /**
         * Without blocking the route's thread; bounded by the route's timeout as the call's gRPC deadline, and by the
         * deadline of the gRPC call the route serves, when it serves one.
         */
        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            ctx.addBean("grpc-call-envelope", GrpcCallEnvelope.class, Map.of());
            block.process("grpc-call-envelope");
            EndpointUri uri = callEndpoint(use.system(), ctx.text(use.use(), METHOD), HEADER_FILTER, ctx);
            use.timeout().ifPresent(timeout -> uri.param("timeout", Math.max(1, timeout.toMillis())));
            block.to(uri.toString());
            StandardNodes.parseJson(block, ctx);
        }
    }

    /**
     * The endpoint that calls {@code method} at the system's address (with its TLS settings), its metadata chosen by
     * the header filter bean {@code headerFilter}; also for a translation (UPT) that picks the method per request,
     * whose {@code method} is then a Camel simple expression of a {@code toD}.
     */
    public static EndpointUri callEndpoint(SystemDecl system, String method, String headerFilter, CompileContext ctx) {
        EndpointUri uri = EndpointUri.of("grpc-dynamic", method)
                .userParam("proto", protoPath(system, ctx))
                .param("maxInboundMessageSize", ctx.text(system, MAX_MESSAGE_BYTES))
                .param("maxStreamMessages", ctx.text(system, MAX_STREAM_MESSAGES))
                .param("headerFilterStrategy", "#bean:" + headerFilter)
                .userParam("address", ctx.text(system, ADDRESS))
                .param("tls", ctx.text(system, TLS));
        if (system.option(TRUST_CERT.name()) != null) {
            uri.userParam("trustCerts", UdlPaths.forComponent(system, TRUST_CERT, ctx));
        }
        return uri;
    }

    /** The contract of the system's .proto file (a literal path relative to the UDL file), for a translation's checks. */
    public static ProtoContract contract(SystemDecl system) {
        return CONTRACT.load(system);
    }

    /** The system's .proto file as the component (and a translation's beans) read it at run time. */
    public static String protoPath(SystemDecl system, CompileContext ctx) {
        return UdlPaths.forComponent(system, PROTO, ctx);
    }

    /** A called system needs an address: GRPC-004 at {@code pos} otherwise (also for a translation's target). */
    public static boolean checkCallable(SystemDecl system, io.unikernal.udl.model.SourcePos pos, Problems problems) {
        if (system.option(ADDRESS.name()) != null) {
            return true;
        }
        problems.error(CALL_WITHOUT_ADDRESS, pos, "system " + system.name() + " is called but has no address",
                "add address: host:port to the system");
        return false;
    }
}
