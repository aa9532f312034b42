package io.unikernal.adapter.soap;

import static io.unikernal.adapter.http.HttpServerAdapter.onHttpListener;

import io.unikernal.adapter.soap.component.SoapWsComponent;
import io.unikernal.adapter.soap.component.WsdlContract;
import io.unikernal.adapter.soap.component.WsdlContractException;
import io.unikernal.spi.adapter.Adapter;
import io.unikernal.spi.adapter.AdapterInfo;
import io.unikernal.spi.adapter.Capability;
import io.unikernal.spi.adapter.Channel;
import io.unikernal.spi.adapter.CompileContext;
import io.unikernal.spi.adapter.EndpointUri;
import io.unikernal.runtime.ServedListener;
import io.unikernal.spi.adapter.SharedListener;
import io.unikernal.spi.adapter.SourceRole;
import io.unikernal.adapter.http.HttpServerAdapter;
import io.unikernal.spi.adapter.StandardNodes;
import io.unikernal.spi.adapter.SystemUse;
import io.unikernal.spi.adapter.TargetRole;
import io.unikernal.spi.adapter.UdlPaths;
import io.unikernal.udl.error.PluginProblemCode;
import io.unikernal.udl.error.ProblemCode;
import io.unikernal.udl.error.Problems;
import io.unikernal.udl.model.EndpointRef;
import io.unikernal.udl.model.OptionValue;
import io.unikernal.udl.model.SourcePos;
import io.unikernal.udl.model.SystemDecl;
import io.unikernal.udl.spec.Option;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.model.ProcessorDefinition;

/**
 * {@code soap}: a SOAP service (WSDL 1.1, document/literal) described by a WSDL file read at run time, with no
 * generated classes (this module's {@code soap-ws} Camel component over camel-cxf in PAYLOAD mode). As a source it
 * serves an operation on the system's own port (CXF's Jetty listener, not the app's HTTP listener) — each served
 * operation is a route, whose final body is the response element; a failed route answers a SOAP fault. As a target
 * it calls an operation at the system's address and the response element becomes the body. Bodies are JSON objects
 * keyed by the elements' local names ({@code XmlJson} gives the mapping); the correlation id travels as the HTTP
 * header {@code X-Correlation-Id}, the envelope ({@code Udm*}) as HTTP headers of a call.
 */
public final class SoapAdapter implements Adapter {

    static final String NAME = "soap";

    static final Option<String> WSDL = Option.string("wsdl").required()
            .description("The WSDL 1.1 file that describes the service (relative to the UDL file), document/literal"
                    + " with a SOAP 1.1 or 1.2 binding; read when the app compiles and starts, no classes generated.")
            .example("quotes.wsdl");
    static final Option<String> SERVICE = Option.string("service").pattern("[A-Za-z_][A-Za-z0-9_.-]*", "an XML name")
            .description("The WSDL service to use, by local name; the file's first service with a SOAP port when"
                    + " absent.").example("QuoteService");
    static final Option<String> HOST = Option.string("host").defaultValue("127.0.0.1")
            .description("The address to serve on; loopback by default, 0.0.0.0 to serve the network.");
    static final Option<Integer> PORT = Option.integer("port").range(0, 65535)
            .description("The port to serve on (needed to serve operations): the service's own HTTP listener (CXF on"
                    + " Jetty), not the port http systems share.").example("8081");
    static final Option<String> PATH = Option.string("path").defaultValue("/soap")
            .pattern("/[A-Za-z0-9._~/-]*", "a path that starts with '/' (letters, digits, '.', '_', '~', '-', '/')")
            .description("The HTTP path the service is served on (POST; ?wsdl gives the WSDL).").example("/quotes");
    static final Option<String> LISTENER = HttpServerAdapter.listenerOption(
            "Where served operations listen: own, CXF's listener on host and port; http, the app's one"
                    + " HTTP listener, beside the REST, gRPC, GraphQL and WebSocket systems on one port (port and host"
                    + " are then that listener's, the same for every system on it).");
    static final Option<String> ADDRESS = Option.string("address")
            .pattern("[Hh][Tt][Tt][Pp][Ss]?://[^\\s?#@]+", "an http(s) URL without credentials or query")
            .description("The URL of the service to call (needed to call operations).")
            .example("http://127.0.0.1:8081/quotes");
    static final Option<Long> MAX_MESSAGE_BYTES = Option.longInteger("maxMessageBytes").defaultValue(1_048_576L)
            .range(1, Integer.MAX_VALUE)
            .description("The most characters of XML read from one message (a served request or a call's"
                    + " response); a larger request is answered with a fault before any route reads it.")
            .example("1048576");
    static final Option<Integer> MAX_DEPTH = Option.integer("maxDepth").defaultValue(64).range(1, 100)
            .description("The deepest element nesting read from one message, counting the SOAP envelope; a deeper"
                    + " one is answered with a fault before any route reads it.");
    static final Option<String> OPERATION = Option.string("operation").required()
            .pattern("[A-Za-z_][A-Za-z0-9_.-]*", "an operation name of the WSDL's port type")
            .description("The operation, by its name in the WSDL's port type.").example("GetQuote");

    static final ProblemCode BAD_WSDL = new PluginProblemCode("SOAP", 1, "a WSDL file that cannot be used");
    static final ProblemCode UNKNOWN_OPERATION = new PluginProblemCode("SOAP", 2,
            "an operation the WSDL file does not have");
    static final ProblemCode SERVE_WITHOUT_PORT = new PluginProblemCode("SOAP", 3,
            "a SOAP system serves an operation but has no port");
    static final ProblemCode CALL_WITHOUT_ADDRESS = new PluginProblemCode("SOAP", 4,
            "a SOAP system is called but has no address");

    private static final AdapterInfo INFO = new AdapterInfo(NAME,
            "Serves SOAP operations (document/literal) with UDL routes and calls SOAP services, from a WSDL file read"
                    + " at run time (CXF, no generated classes); bodies are JSON objects keyed by element names.",
            "io.unikernal:unikernal-components-soap");

    @Override
    public AdapterInfo info() {
        return INFO;
    }

    @Override
    public List<Option<?>> systemOptions() {
        return List.of(WSDL, SERVICE, HOST, PORT, LISTENER, PATH, ADDRESS, MAX_MESSAGE_BYTES, MAX_DEPTH);
    }

    @Override
    public List<ProblemCode> problemCodes() {
        return List.of(BAD_WSDL, UNKNOWN_OPERATION, SERVE_WITHOUT_PORT, CALL_WITHOUT_ADDRESS);
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
     * Reads the WSDL file of a literal path: its problem at the option. Text that is not in a folder of this machine
     * (a worked example read from a jar) is not checked: its file cannot be found.
     */
    @Override
    public void check(SystemDecl system, Problems problems) {
        OptionValue wsdl = system.option(WSDL.name());
        OptionValue service = system.option(SERVICE.name());
        boolean serviceKnown = service == null || UdlPaths.literal(service) != null;
        if (UdlPaths.checkable(wsdl) && serviceKnown) {
            try {
                contract(system);
            } catch (WsdlContractException e) {
                problems.error(BAD_WSDL, wsdl.pos(), e.getMessage(), "the path is relative to the UDL file, here "
                        + UdlPaths.folderOf(wsdl.pos()));
            }
        }
    }

    /** On the app's HTTP listener: its properties and probe, as every system served there declares them. */
    @Override
    public void contribute(SystemDecl system, CompileContext ctx) {
        if (onHttpListener(system)) {
            HttpServerAdapter.contributeListener(system, ctx, NAME);
        }
    }


    /**
     * The contract of a system's WSDL file, read now (a translation serving every operation reads it when it
     * compiles). Throws {@link WsdlContractException} when the file cannot be used (reported by {@link #check}).
     */
    public static WsdlContract contract(SystemDecl system) {
        OptionValue wsdl = system.option(WSDL.name());
        return WsdlContract.load(UdlPaths.folderOf(wsdl.pos()).resolve(wsdl.asString()),
                UdlPaths.literal(system.option(SERVICE.name())));
    }

    /** Reports an operation the system's WSDL does not have, at the operation's position. */
    private static void checkOperation(SystemDecl system, EndpointRef use, Problems problems) {
        OptionValue operation = use.option(OPERATION.name());
        OptionValue wsdl = system.option(WSDL.name());
        if (operation == null || UdlPaths.literal(operation) == null || !UdlPaths.checkable(wsdl)) {
            return;
        }
        WsdlContract contract;
        try {
            contract = contract(system);
        } catch (WsdlContractException e) {
            return; // reported by check()
        }
        if (!contract.operations().containsKey(operation.asString())) {
            problems.error(UNKNOWN_OPERATION, operation.pos(), wsdl.asString() + " has no operation "
                    + operation.asString(), "its operations: " + String.join(", ", contract.operations().keySet()));
        }
    }

    private static EndpointUri endpoint(SystemUse use, CompileContext ctx) {
        return endpoint(use.system(), ctx.text(use.use(), OPERATION), ctx);
    }

    private static EndpointUri endpoint(SystemDecl system, String operation, CompileContext ctx) {
        EndpointUri uri = EndpointUri.of(SoapWsComponent.SCHEME, operation)
                .userParam("wsdl", wsdlPath(system, ctx))
                .param("maxMessageBytes", ctx.text(system, MAX_MESSAGE_BYTES))
                .param("maxDepth", ctx.text(system, MAX_DEPTH));
        if (system.option(SERVICE.name()) != null) {
            uri.userParam("service", ctx.text(system, SERVICE));
        }
        return uri;
    }

    /** The system's WSDL file as the component reads it (an absolute path, or the file's placeholder). */
    public static String wsdlPath(SystemDecl system, CompileContext ctx) {
        return UdlPaths.forComponent(system, WSDL, ctx);
    }

    /** The system's {@code service} as written (a placeholder kept), or null for the WSDL's first. */
    public static String serviceName(SystemDecl system, CompileContext ctx) {
        return system.option(SERVICE.name()) == null ? null : ctx.text(system, SERVICE);
    }

    /**
     * The URI that calls {@code operation} (an operation name, or a simple expression a {@code toD} resolves) at the
     * system's address: what this adapter's target role sends to, for a translation that picks the operation per
     * request.
     */
    public static String callEndpoint(SystemDecl system, String operation, CompileContext ctx) {
        return endpoint(system, operation, ctx).userParam("address", ctx.text(system, ADDRESS)).toString();
    }

    /** Reports a system called without an address ({@code SOAP-004}) at {@code pos}. */
    public static void checkCallable(SystemDecl system, SourcePos pos, Problems problems) {
        if (system.option(ADDRESS.name()) == null) {
            problems.error(CALL_WITHOUT_ADDRESS, pos, "system " + system.name() + " is called but has no"
                    + " address", "add address: http://host:port/path to the system");
        }
    }

    private static final class Server implements SourceRole {
        @Override
        public List<Option<?>> options() {
            return List.of(OPERATION);
        }

        /** The caller waits for the response; its X-Correlation-Id becomes the message's and comes back. */
        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REQUEST_REPLY, Capability.NATIVE_HEADERS);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            if (system.option(PORT.name()) == null && !onHttpListener(system)) {
                problems.error(SERVE_WITHOUT_PORT, use.pos(), "system " + system.name() + " serves "
                        + OPERATION.text(use) + " but has no port", "add port: to the system (e.g. 8081), or"
                        + " listener: http to serve it on the app's HTTP port");
            }
            checkOperation(system, use, problems);
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
            String url = onHttpListener(system) ? "http-listener" + PATH.text(system)
                    : "http://" + HOST.text(system) + ":" + PORT.text(system) + PATH.text(system);
            String operation = OPERATION.text(use);
            return Optional.of(new Channel(NAME, url + "#" + operation, null,
                    "SOAP operation " + operation + " on POST " + url));
        }

        @Override
        public String uri(SystemUse use, CompileContext ctx) {
            if (onHttpListener(use.system())) {
                return endpoint(use, ctx).param("listener", "http").userParam("path", ctx.text(use.system(), PATH))
                        .toString();
            }
            return endpoint(use, ctx).userParam("host", ctx.text(use.system(), HOST))
                    .param("port", ctx.text(use.system(), PORT))
                    .userParam("path", ctx.text(use.system(), PATH)).toString();
        }

        @Override
        public void normalize(SystemUse use, ProcessorDefinition<?> route, CompileContext ctx) {
            StandardNodes.normalizeJson(use.systemName(), route, ctx);
        }
    }

    private static final class Client implements TargetRole {
        @Override
        public List<Option<?>> options() {
            return List.of(OPERATION);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.REMOTE_SERVER, Capability.NATIVE_HEADERS);
        }

        @Override
        public void checkUse(SystemDecl system, EndpointRef use, Problems problems) {
            checkCallable(system, use.pos(), problems);
            checkOperation(system, use, problems);
        }

        @Override
        public void call(SystemUse use, ProcessorDefinition<?> block, CompileContext ctx) {
            block.to(callEndpoint(use.system(), ctx.text(use.use(), OPERATION), ctx));
            StandardNodes.parseJson(block, ctx);
        }
    }
}
